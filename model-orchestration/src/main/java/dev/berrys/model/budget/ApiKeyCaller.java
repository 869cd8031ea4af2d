package dev.berrys.model.budget;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The API key a call is made with, where it has a budget: the gateway issues a key's tokens with the key's client
 * id as subject and its budget as the {@code budgetUsd} claim (a decimal string).
 */
record ApiKeyCaller(String clientId, BigDecimal budgetUsd) {
    static final String CLAIM = "budgetUsd";

    /** The current caller's key and budget, or null (a user, a key without budget, no token). */
    static @Nullable ApiKeyCaller current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof Jwt jwt) || jwt.getSubject() == null) {
            return null;
        }
        Object claim = jwt.getClaims().get(CLAIM);
        if (claim == null) {
            return null;
        }
        try {
            return new ApiKeyCaller(jwt.getSubject(), new BigDecimal(claim.toString()));
        } catch (NumberFormatException e) {
            // a budget the gateway did not write: refuse rather than run without one
            return new ApiKeyCaller(jwt.getSubject(), BigDecimal.ZERO);
        }
    }
}
