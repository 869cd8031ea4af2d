package dev.berrys.gateway.identity.web;

import dev.berrys.gateway.identity.Credentials;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Bodies of the password endpoints. */
final class PasswordRequests {

    private PasswordRequests() {}

    /** An admin sets a user's password. */
    record Reset(
            @NotNull @Size(min = Credentials.MIN_PASSWORD_LENGTH, max = Credentials.MAX_SECRET_BYTES)
            String password) {}

    /** A user changes their own, proving the current one. */
    record Change(
            @NotNull @Size(max = Credentials.MAX_SECRET_BYTES)
            String currentPassword,

            @NotNull @Size(min = Credentials.MIN_PASSWORD_LENGTH, max = Credentials.MAX_SECRET_BYTES)
            String newPassword) {}
}
