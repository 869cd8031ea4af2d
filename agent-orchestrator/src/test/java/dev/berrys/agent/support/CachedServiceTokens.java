package dev.berrys.agent.support;

import dev.berrys.starter.security.ServiceTokens;
import dev.berrys.starter.test.TestTokens;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Signs one service token per tenant, as the real issuer client caches them (an RSA signature costs CPU). */
@TestConfiguration(proxyBeanMethods = false)
class CachedServiceTokens {
    @Bean
    @Primary
    ServiceTokens cachedTestServiceTokens() {
        Map<String, String> cache = new ConcurrentHashMap<>();
        return tenant -> cache.computeIfAbsent(tenant, TestTokens::service);
    }
}
