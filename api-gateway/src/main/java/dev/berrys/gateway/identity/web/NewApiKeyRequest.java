package dev.berrys.gateway.identity.web;

import dev.berrys.gateway.identity.Credentials;
import dev.berrys.gateway.identity.Role;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@code tenant} defaults to the caller's. */
record NewApiKeyRequest(
        @NotBlank @Size(max = 200) String name,
        @NotEmpty Set<@NotNull Role> roles,

        @Nullable @Pattern(regexp = Credentials.TENANT_PATTERN, message = "must be a lower-case tenant id")
        String tenant) {}
