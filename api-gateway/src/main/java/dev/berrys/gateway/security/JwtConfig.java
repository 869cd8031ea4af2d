package dev.berrys.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import dev.berrys.gateway.identity.AuthProperties;
import dev.berrys.gateway.identity.BuiltInIssuer;
import dev.berrys.gateway.identity.Revocations;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import reactor.core.publisher.Mono;

/**
 * How bearer tokens are checked: against the gateway's own key in memory (no HTTP call to itself),
 * or against the external issuer's JWKS when {@code BERRYS_ISSUER_URI} is set.
 */
@Configuration(proxyBeanMethods = false)
class JwtConfig {

    @Bean
    @BuiltInIssuer
    ReactiveJwtDecoder builtInJwtDecoder(RSAKey signingKey, AuthProperties props, Revocations revocations)
            throws JOSEException {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(signingKey.toRSAPublicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(props.tokenIssuer()));
        // a valid signature is not enough: the subject's access may have been taken back since
        return token -> decoder.decode(token)
                .flatMap(jwt -> revocations.isRevoked(jwt.getSubject(), jwt.getIssuedAt())
                        ? Mono.error(new BadJwtException("The bearer token " + ProblemSecurityHandlers.REVOKED))
                        : Mono.just(jwt));
    }

    @Bean
    @BuiltInIssuer(external = true)
    ReactiveJwtDecoder externalJwtDecoder(AuthProperties props) {
        NimbusReactiveJwtDecoder decoder =
                NimbusReactiveJwtDecoder.withIssuerLocation(props.issuerUri()).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(props.issuerUri()));
        return decoder;
    }

    @Bean
    ReactiveJwtAuthenticationConverterAdapter jwtAuthenticationConverter(AuthProperties props) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new RolesClaimConverter(props.rolesClaim()));
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    /** The roles claim (a list, or a space-separated string) as {@code ROLE_<NAME>} authorities. */
    record RolesClaimConverter(String claim) implements Converter<Jwt, Collection<GrantedAuthority>> {
        @Override
        public Collection<GrantedAuthority> convert(Jwt jwt) {
            Object value = jwt.getClaims().get(claim);
            List<String> names =
                    switch (value) {
                        case Collection<?> list ->
                            list.stream().map(String::valueOf).toList();
                        case String text -> List.of(text.trim().split("\\s+"));
                        case null, default -> List.of();
                    };
            return names.stream()
                    .filter(name -> !name.isBlank())
                    .map(name -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + name.toUpperCase(Locale.ROOT)))
                    .toList();
        }
    }
}
