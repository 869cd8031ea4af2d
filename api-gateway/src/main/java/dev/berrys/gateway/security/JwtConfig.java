package dev.berrys.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import dev.berrys.contracts.security.TokenClaims;
import dev.berrys.gateway.identity.AuthProperties;
import dev.berrys.gateway.identity.BuiltInIssuer;
import dev.berrys.gateway.identity.Revocations;
import dev.berrys.gateway.identity.TokenSettings;
import java.util.Collection;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
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
    ReactiveJwtDecoder builtInJwtDecoder(
            RSAKey signingKey, AuthProperties props, TokenSettings tokens, Revocations revocations)
            throws JOSEException {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(signingKey.toRSAPublicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(validator(props.tokenIssuer(), tokens));
        // a valid signature is not enough: the subject's access may have been taken back since
        return token -> decoder.decode(token)
                .flatMap(jwt -> revocations.isRevoked(jwt.getSubject(), jwt.getIssuedAt())
                        ? Mono.error(new BadJwtException("The bearer token " + ProblemSecurityHandlers.REVOKED))
                        : Mono.just(jwt));
    }

    @Bean
    @BuiltInIssuer(external = true)
    ReactiveJwtDecoder externalJwtDecoder(AuthProperties props, TokenSettings tokens) {
        NimbusReactiveJwtDecoder decoder =
                NimbusReactiveJwtDecoder.withIssuerLocation(props.issuerUri()).build();
        decoder.setJwtValidator(validator(props.issuerUri(), tokens));
        return decoder;
    }

    /** Issuer and time; with {@code BERRYS_TOKEN_AUDIENCE} set, also {@code aud} (as every service checks it). */
    static OAuth2TokenValidator<Jwt> validator(String issuer, TokenSettings tokens) {
        OAuth2TokenValidator<Jwt> base = JwtValidators.createDefaultWithIssuer(issuer);
        if (tokens.audience().isEmpty()) {
            return base;
        }
        return new DelegatingOAuth2TokenValidator<>(
                base,
                new JwtClaimValidator<List<String>>(
                        JwtClaimNames.AUD, aud -> aud != null && aud.contains(tokens.audience())));
    }

    @Bean
    ReactiveJwtAuthenticationConverterAdapter jwtAuthenticationConverter(AuthProperties props) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new RolesClaimConverter(TokenSettings.claims(props)));
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    /** The roles (read by the shared {@link TokenClaims} mapping) as {@code ROLE_<NAME>} authorities. */
    record RolesClaimConverter(TokenClaims claims) implements Converter<Jwt, Collection<GrantedAuthority>> {
        RolesClaimConverter(String claim) {
            this(new TokenClaims(claim, TokenClaims.TENANT));
        }

        @Override
        public Collection<GrantedAuthority> convert(Jwt jwt) {
            return claims.roles(jwt.getClaims()).stream()
                    .map(name -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + name))
                    .toList();
        }
    }
}
