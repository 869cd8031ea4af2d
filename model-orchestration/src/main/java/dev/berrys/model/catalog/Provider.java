package dev.berrys.model.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A model provider of one tenant. Its API key is held only encrypted (or by reference to the environment). */
@Entity
@Table(name = "provider")
class Provider {
    @Id
    private UUID id;

    private String tenant;
    private String name;

    @Enumerated(EnumType.STRING)
    private ProviderType type;

    private @Nullable String baseUrl;
    private @Nullable String apiKeyCipher;
    private @Nullable String apiKeyEnv;

    /** Seeded from the deployment's environment: its name, type, address and key are not the tenant's to change. */
    private boolean configured;

    private boolean enabled;

    @Convert(converter = SettingsConverter.class)
    @Column(columnDefinition = "text")
    private ProviderSettings settings;

    private Instant createdAt;
    private Instant updatedAt;

    @Version
    private long version;

    protected Provider() {}

    Provider(
            String tenant,
            String name,
            ProviderType type,
            @Nullable String baseUrl,
            boolean enabled,
            ProviderSettings settings) {
        this.id = UUID.randomUUID();
        this.tenant = tenant;
        this.name = name;
        this.type = type;
        this.baseUrl = baseUrl;
        this.enabled = enabled;
        this.settings = settings;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    void rename(String name) {
        this.name = name;
        touch();
    }

    void change(ProviderType type, @Nullable String baseUrl, boolean enabled, ProviderSettings settings) {
        this.type = type;
        this.baseUrl = baseUrl;
        this.enabled = enabled;
        this.settings = settings;
        touch();
    }

    void storeKey(String cipherText) {
        this.apiKeyCipher = cipherText;
        this.apiKeyEnv = null;
        touch();
    }

    /** Marks a provider seeded from the environment: bound to the configured URL and key. */
    void configuredAtStart() {
        this.configured = true;
    }

    boolean configured() {
        return configured;
    }

    void keyFromEnvironment(String variable) {
        this.apiKeyEnv = variable;
        this.apiKeyCipher = null;
        touch();
    }

    void clearKey() {
        this.apiKeyCipher = null;
        this.apiKeyEnv = null;
        touch();
    }

    private void touch() {
        this.updatedAt = Instant.now();
    }

    boolean hasApiKey() {
        return apiKeyCipher != null || apiKeyEnv != null;
    }

    UUID id() {
        return id;
    }

    String tenant() {
        return tenant;
    }

    String name() {
        return name;
    }

    ProviderType type() {
        return type;
    }

    @Nullable
    String baseUrl() {
        return baseUrl;
    }

    @Nullable
    String apiKeyCipher() {
        return apiKeyCipher;
    }

    @Nullable
    String apiKeyEnv() {
        return apiKeyEnv;
    }

    boolean enabled() {
        return enabled;
    }

    ProviderSettings settings() {
        return settings;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
