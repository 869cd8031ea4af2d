package dev.berrys.gateway.security;

import dev.berrys.contracts.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Every {@code /api/**} and {@code /v1/**} path but the token endpoint needs a valid bearer token; a
 * VIEWER may only GET or HEAD; account administration is for ADMIN. Health, metrics, API docs, the
 * JWKS and the dashboard are public. Stateless: no session, no CSRF token, no login page.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfig {

    private static final String[] API = {"/api/**", "/v1/**"};
    private static final String[] ANY_ROLE = Role.names();
    private static final String[] WRITER_ROLES = Role.names(Role.WRITERS);

    @Bean
    SecurityWebFilterChain securityWebFilterChain(
            ServerHttpSecurity http,
            ReactiveJwtDecoder jwtDecoder,
            ReactiveJwtAuthenticationConverterAdapter jwtAuthenticationConverter,
            ProblemSecurityHandlers problems) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(Customizer.withDefaults())
                .authorizeExchange(exchange -> exchange.pathMatchers(HttpMethod.POST, "/api/auth/token")
                        .permitAll()
                        // everyone with a token changes their own password, a VIEWER too
                        .pathMatchers("/api/auth/me/password")
                        .hasAnyRole(ANY_ROLE)
                        .pathMatchers(
                                "/api/auth/users", "/api/auth/users/**", "/api/auth/api-keys", "/api/auth/api-keys/**")
                        .hasRole(Role.ADMIN.name())
                        .pathMatchers(HttpMethod.GET, API)
                        .hasAnyRole(ANY_ROLE)
                        .pathMatchers(HttpMethod.HEAD, API)
                        .hasAnyRole(ANY_ROLE)
                        .pathMatchers(API)
                        .hasAnyRole(WRITER_ROLES)
                        .anyExchange()
                        .permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(jwtAuthenticationConverter))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(
                        handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }
}
