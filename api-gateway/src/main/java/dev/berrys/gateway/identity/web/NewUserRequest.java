package dev.berrys.gateway.identity.web;

import dev.berrys.contracts.security.Role;
import dev.berrys.gateway.identity.Credentials;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@code tenant} defaults to the caller's. */
record NewUserRequest(
        @NotBlank
        @Pattern(regexp = Credentials.USERNAME_PATTERN, message = "must be 3 to 100 letters, digits or . _ @ -")
        String username,

        @NotNull @Size(min = Credentials.MIN_PASSWORD_LENGTH, max = Credentials.MAX_SECRET_BYTES)
        String password,

        @NotEmpty Set<@NotNull Role> roles,

        @Nullable @Pattern(regexp = Credentials.TENANT_PATTERN, message = "must be a lower-case tenant id")
        String tenant) {}
