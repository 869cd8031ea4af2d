package dev.berrys.starter.test;

import dev.berrys.starter.security.ServiceTokens;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Validates {@link TestTokens} and mints service tokens locally, so a service's tests need no gateway. */
@TestConfiguration(proxyBeanMethods = false)
public class TestSecurityConfiguration {
    @Bean
    JwtDecoder testJwtDecoder() {
        return NimbusJwtDecoder.withPublicKey(TestTokens.publicKey()).build();
    }

    @Bean
    ServiceTokens testServiceTokens() {
        return TestTokens::service;
    }
}
