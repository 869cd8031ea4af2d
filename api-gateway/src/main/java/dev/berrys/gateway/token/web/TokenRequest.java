package dev.berrys.gateway.token.web;

import dev.berrys.gateway.identity.Credentials;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Either {@code username} and {@code password} or {@code clientId} and {@code clientSecret}. */
record TokenRequest(
        @Nullable @Size(max = 100) String username,
        @Nullable @Size(max = 200) String password,
        @Nullable @Size(max = 100) String clientId,
        @Nullable @Size(max = 200) String clientSecret,

        @Nullable @Pattern(regexp = Credentials.TENANT_PATTERN, message = "must be a lower-case tenant id")
        String tenant) {

    boolean hasPassword() {
        return username != null || password != null;
    }

    boolean hasApiKey() {
        return clientId != null || clientSecret != null;
    }
}
