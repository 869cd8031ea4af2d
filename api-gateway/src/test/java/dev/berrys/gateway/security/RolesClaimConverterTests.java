package dev.berrys.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class RolesClaimConverterTests {

    private final JwtConfig.RolesClaimConverter converter = new JwtConfig.RolesClaimConverter("roles");

    @Test
    void aListOfRolesBecomesRoleAuthoritiesInUpperCase() {
        assertThat(authorities(jwt(List.of("ADMIN", "viewer")))).containsExactly("ROLE_ADMIN", "ROLE_VIEWER");
    }

    @Test
    void aSpaceSeparatedStringWorksToo() {
        assertThat(authorities(jwt("OPERATOR SERVICE"))).containsExactly("ROLE_OPERATOR", "ROLE_SERVICE");
    }

    @Test
    void noClaimMeansNoRoles() {
        Jwt jwt = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("s")
                .issuedAt(Instant.now())
                .build();
        assertThat(converter.convert(jwt)).isEmpty();
    }

    private List<String> authorities(Jwt jwt) {
        return converter.convert(jwt).stream()
                .map(GrantedAuthority::getAuthority)
                .toList();
    }

    private static Jwt jwt(Object roles) {
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .claim("roles", roles)
                .build();
    }
}
