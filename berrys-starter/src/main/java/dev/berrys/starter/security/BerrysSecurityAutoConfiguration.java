package dev.berrys.starter.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint but health, info, prometheus and the API docs needs a valid JWT; a VIEWER may only read.
 * Roles come from the {@code roles} claim, the tenant from {@code tenant} (see {@link Tenants}).
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

    /** Every JwtDecoder (the one above, an issuer's, a test's) remembers the tokens it has verified. */
    @Bean
    static BeanPostProcessor berrysCachingJwtDecoder() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof CachingJwtDecoder)
                        ? new CachingJwtDecoder(decoder)
                        : bean;
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain berrysSecurityFilterChain(HttpSecurity http, JsonMapper json) throws Exception {
        var handlers = new ProblemAuthenticationHandlers(json);
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(BerrysSecurityAutoConfiguration::authorities);
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
                        .hasAnyRole(Roles.ALL)
                        .requestMatchers(HttpMethod.HEAD, "/**")
                        .hasAnyRole(Roles.ALL)
                        .anyRequest()
                        .hasAnyRole(Roles.WRITERS))
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(handlers.entryPoint())
                        .accessDeniedHandler(handlers.accessDenied()))
                .exceptionHandling(e ->
                        e.authenticationEntryPoint(handlers.entryPoint()).accessDeniedHandler(handlers.accessDenied()));
        return http.build();
    }

    static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<GrantedAuthority> out = new ArrayList<>();
        List<String> roles = jwt.getClaimAsStringList("roles");
        if (roles != null) {
            roles.forEach(r -> out.add(new SimpleGrantedAuthority("ROLE_" + r)));
        }
        return out;
    }
}
