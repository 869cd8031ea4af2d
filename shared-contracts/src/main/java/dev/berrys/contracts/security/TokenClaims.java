package dev.berrys.contracts.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which claims of a token hold the caller's roles and tenant ({@code BERRYS_ROLES_CLAIM}, {@code
 * BERRYS_TENANT_CLAIM}), and how they are read. The gateway and every service's resource server read tokens
 * through this one mapping, so an external OIDC issuer's tokens mean the same everywhere. A claim name with
 * dots is a path into nested objects ({@code realm_access.roles}); a roles claim may be a list or a
 * space-separated string; role names are upper-cased.
 */
public record TokenClaims(String rolesClaim, String tenantClaim) {
    /** The claims of the built-in issuer's tokens. */
    public static final String ROLES = "roles";

    public static final String TENANT = "tenant";
    public static final TokenClaims DEFAULT = new TokenClaims(ROLES, TENANT);

    public TokenClaims {
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? ROLES : rolesClaim.strip();
        tenantClaim = tenantClaim == null || tenantClaim.isBlank() ? TENANT : tenantClaim.strip();
    }

    /** The role names in {@code claims} (upper case, without {@code ROLE_}); empty where there are none. */
    public List<String> roles(Map<String, Object> claims) {
        Object value = find(claims, rolesClaim);
        List<String> names =
                switch (value) {
                    case Collection<?> list ->
                        list.stream().map(String::valueOf).toList();
                    case String text -> List.of(text.strip().split("\\s+"));
                    case null, default -> List.of();
                };
        return names.stream()
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .map(name -> name.toUpperCase(Locale.ROOT))
                .distinct()
                .toList();
    }

    /** The tenant in {@code claims}, or null where there is none (or it is not a non-blank string). */
    public @Nullable String tenant(Map<String, Object> claims) {
        return find(claims, tenantClaim) instanceof String s && !s.isBlank() ? s : null;
    }

    private static @Nullable Object find(Map<String, Object> claims, String name) {
        if (claims.containsKey(name)) {
            return claims.get(name);
        }
        Object at = claims;
        for (String part : name.split("\\.")) {
            if (!(at instanceof Map<?, ?> map)) {
                return null;
            }
            at = map.get(part);
        }
        return at;
    }
}
