package dev.berrys.starter.security;

import dev.berrys.contracts.security.Role;
import dev.berrys.contracts.security.TokenClaims;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint but health, info, prometheus and the API docs needs a valid JWT; a VIEWER may only read.
 * Roles and tenant are read through {@link TokenClaims} ({@code BERRYS_ROLES_CLAIM}, {@code BERRYS_TENANT_CLAIM}, the
 * same settings as the gateway's); {@code BERRYS_TOKEN_AUDIENCE} and the gateway's revocations are checked by
 * {@link CheckedJwtDecoder}.
 */
@AutoConfiguration(before = {SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class})
@EnableConfigurationProperties(SecurityProperties.class)
@EnableMethodSecurity
public class BerrysSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder berrysJwtDecoder(SecurityProperties props) {
        if (props.issuerUri() != null && !props.issuerUri().isBlank()) {
            return JwtDecoders.fromIssuerLocation(props.issuerUri());
        }
        return NimbusJwtDecoder.withJwkSetUri(props.jwksUri()).build();
    }

    /**
     * Every JwtDecoder (the one above, an issuer's, a test's) remembers the tokens it has verified, and checks on
     * every request the audience and the gateway's revocations ({@link CheckedJwtDecoder}).
     */
    @Bean
    static BeanPostProcessor berrysCachingJwtDecoder(
            ObjectProvider<SecurityProperties> props, ObjectProvider<TokenRevocations> revocations) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof JwtDecoder decoder) || bean instanceof CheckedJwtDecoder) {
                    return bean;
                }
                SecurityProperties settings = props.getIfAvailable();
                return new CheckedJwtDecoder(
                        decoder instanceof CachingJwtDecoder ? decoder : new CachingJwtDecoder(decoder),
                        settings == null ? "" : settings.audience(),
                        revocations.getIfAvailable());
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain berrysSecurityFilterChain(HttpSecurity http, JsonMapper json, SecurityProperties props)
            throws Exception {
        var handlers = new ProblemAuthenticationHandlers(json);
        TokenClaims claims = props.claims();
        Converter<Jwt, AbstractAuthenticationToken> converter = jwt -> authentication(jwt, claims);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/actuator/health",
                                "/actuator/health/**",
                                "/actuator/info",
                                "/actuator/prometheus",
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/error")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .denyAll()
                        .requestMatchers(HttpMethod.GET, "/**")
                        .hasAnyRole(Role.names())
                        .requestMatchers(HttpMethod.HEAD, "/**")
                        .hasAnyRole(Role.names())
                        .anyRequest()
                        .hasAnyRole(Role.names(Role.WRITERS)))
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(handlers.entryPoint())
                        .accessDeniedHandler(handlers.accessDenied()))
                .exceptionHandling(e ->
                        e.authenticationEntryPoint(handlers.entryPoint()).accessDeniedHandler(handlers.accessDenied()));
        return http.build();
    }

    /**
     * The caller of a verified token, read through the same {@link TokenClaims} as the gateway: roles as
     * {@code ROLE_<NAME>} authorities, and a principal whose {@code tenant} and {@code roles} claims hold the
     * mapped values, so that {@link Tenants} and the rest read them without knowing the issuer's claim names.
     */
    static AbstractAuthenticationToken authentication(Jwt jwt, TokenClaims claims) {
        List<String> roles = claims.roles(jwt.getClaims());
        String tenant = claims.tenant(jwt.getClaims());
        Jwt mapped = Jwt.withTokenValue(jwt.getTokenValue())
                .headers(h -> h.putAll(jwt.getHeaders()))
                .claims(c -> {
                    c.putAll(jwt.getClaims());
                    c.put(TokenClaims.ROLES, roles);
                    if (tenant == null) {
                        c.remove(TokenClaims.TENANT);
                    } else {
                        c.put(TokenClaims.TENANT, tenant);
                    }
                })
                .build();
        return new JwtAuthenticationToken(mapped, authorities(roles), jwt.getSubject());
    }

    static Collection<GrantedAuthority> authorities(List<String> roles) {
        List<GrantedAuthority> out = new ArrayList<>();
        roles.forEach(r -> out.add(new SimpleGrantedAuthority("ROLE_" + r)));
        return out;
    }
}
