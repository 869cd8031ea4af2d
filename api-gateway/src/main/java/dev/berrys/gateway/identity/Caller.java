package dev.berrys.gateway.identity;

import dev.berrys.contracts.security.Role;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Who is calling, as their token says: subject, roles and tenant. */
public record Caller(String subject, Set<Role> roles, String tenant) {

    public static Caller of(JwtAuthenticationToken auth, AuthProperties props) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : auth.getAuthorities()) {
            for (Role role : Role.values()) {
                if (role.authority().equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        String tenant = TokenSettings.claims(props).tenant(auth.getToken().getClaims());
        return new Caller(auth.getName(), roles, tenant == null ? props.defaultTenant() : tenant);
    }
}
