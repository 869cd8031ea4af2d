package dev.berrys.gateway.identity.web;

import dev.berrys.contracts.security.Role;
import dev.berrys.gateway.identity.Credentials;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code tenant} defaults to the caller's. {@code expiresAt} (optional) ends the key; {@code budgetUsd} (optional)
 * travels in its tokens as the {@code budgetUsd} claim; {@code tenants} (SERVICE keys only) are the other tenants it
 * may act for, {@code *} for all.
 */
record NewApiKeyRequest(
        @NotBlank @Size(max = 200) String name,
        @NotEmpty Set<@NotNull Role> roles,

        @Nullable @Pattern(regexp = Credentials.TENANT_PATTERN, message = "must be a lower-case tenant id")
        String tenant,

        @Nullable Instant expiresAt,

        @Nullable @DecimalMin(value = "0.0", inclusive = false) @Digits(integer = 10, fraction = 4)
        BigDecimal budgetUsd,

        @Nullable @Size(max = 100)
        Set<
                        @NotNull
                        @Pattern(
                                regexp = "^\\*$|" + Credentials.TENANT_PATTERN,
                                message = "must be a lower-case tenant id or *")
                        String>
                tenants) {

    Set<String> tenantsOrNone() {
        return tenants == null ? Set.of() : Set.copyOf(tenants);
    }
}
