package dev.berrys.model.catalog;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.databind.json.JsonMapper;

/** Stores {@link ProviderSettings} as JSON text. */
@Converter
class SettingsConverter implements AttributeConverter<ProviderSettings, String> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String convertToDatabaseColumn(ProviderSettings settings) {
        return JSON.writeValueAsString(settings == null ? ProviderSettings.DEFAULTS : settings);
    }

    @Override
    public ProviderSettings convertToEntityAttribute(String text) {
        return text == null || text.isBlank()
                ? ProviderSettings.DEFAULTS
                : JSON.readValue(text, ProviderSettings.class);
    }
}
