package dev.berrys.integration.workflow;

import dev.berrys.contracts.events.AgentRef;
import jakarta.persistence.AttributeConverter;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workflow's lists kept as JSON text in their columns ({@code team}, {@code roles}): typed in the entity,
 * stored as the same JSON arrays as before, so rows written by older versions read unchanged.
 */
final class JsonColumns {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonColumns() {}

    /** The assembled team: {@code [{"agentId":…,"role":…,"name":…}, …]}. */
    static final class Team implements AttributeConverter<List<AgentRef>, String> {
        private static final TypeReference<List<AgentRef>> TYPE = new TypeReference<>() {};

        @Override
        public @Nullable String convertToDatabaseColumn(@Nullable List<AgentRef> team) {
            return team == null ? null : JSON.writeValueAsString(team);
        }

        @Override
        public @Nullable List<AgentRef> convertToEntityAttribute(@Nullable String column) {
            return column == null ? null : List.copyOf(JSON.readValue(column, TYPE));
        }
    }

    /** The roles of the current plan's tasks: {@code ["developer", …]}. */
    static final class Roles implements AttributeConverter<List<String>, String> {
        private static final TypeReference<List<String>> TYPE = new TypeReference<>() {};

        @Override
        public @Nullable String convertToDatabaseColumn(@Nullable List<String> roles) {
            return roles == null ? null : JSON.writeValueAsString(roles);
        }

        @Override
        public @Nullable List<String> convertToEntityAttribute(@Nullable String column) {
            return column == null ? null : List.copyOf(JSON.readValue(column, TYPE));
        }
    }
}
