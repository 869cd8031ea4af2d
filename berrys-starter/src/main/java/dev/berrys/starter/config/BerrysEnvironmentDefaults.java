package dev.berrys.starter.config;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every service shares, added with the lowest precedence so that a service's own
 * {@code application.yml}, environment variables and test properties win. A service declares only
 * {@code spring.application.name}, {@code server.port} and {@code berrys.service.schema}; the schema
 * drives Flyway, Hibernate and the connection pool.
 */
public class BerrysEnvironmentDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> d = new HashMap<>();
        d.put("spring.threads.virtual.enabled", "true");
        d.put("server.shutdown", "graceful");
        d.put("spring.jpa.open-in-view", "false");
        d.put("spring.jpa.hibernate.ddl-auto", "validate");
        d.put("spring.datasource.url", "${BERRYS_DB_URL:jdbc:postgresql://127.0.0.1:5432/berrys}");
        d.put("spring.datasource.username", "${BERRYS_DB_USER:postgres}");
        d.put("spring.datasource.password", "${BERRYS_DB_PASSWORD:}");
        d.put("spring.datasource.hikari.maximum-pool-size", "${BERRYS_DB_POOL_SIZE:8}");
        d.put("spring.datasource.hikari.minimum-idle", "${BERRYS_DB_POOL_MIN_IDLE:2}");
        // how long a request waits for a free connection before it is answered 503 (an outage the caller
        // waits out), instead of Hikari's 30 s
        d.put("spring.datasource.hikari.connection-timeout", "${BERRYS_DB_CONNECTION_TIMEOUT_MS:5000}");
        d.put("spring.data.redis.host", "${BERRYS_REDIS_HOST:127.0.0.1}");
        d.put("spring.data.redis.port", "${BERRYS_REDIS_PORT:6379}");
        d.put("spring.data.redis.password", "${BERRYS_REDIS_PASSWORD:}");
        d.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        d.put("management.endpoint.health.probes.enabled", "true");
        d.put("management.endpoint.health.group.readiness.include", "readinessState,db,redis");
        d.put("management.endpoint.health.group.liveness.include", "livenessState");
        d.put("management.tracing.sampling.probability", "${BERRYS_TRACE_SAMPLING:1.0}");
        d.put("management.tracing.propagation.type", "w3c");
        // the request's own span stays; one per security filter on every request costs more than it tells
        d.put("management.observations.enable.spring.security", "false");
        d.put("management.metrics.tags.application", "${spring.application.name}");
        d.put("management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
        d.put("springdoc.api-docs.path", "/v3/api-docs");
        d.put("berrys.request-size.max", "${BERRYS_MAX_REQUEST_SIZE:1MB}");
        d.put("berrys.outage.tolerance", "${BERRYS_OUTAGE_TOLERANCE:15m}");
        d.put("berrys.outage.first-backoff", "${BERRYS_OUTAGE_FIRST_BACKOFF:1s}");
        d.put("berrys.outage.max-backoff", "${BERRYS_OUTAGE_MAX_BACKOFF:30s}");
        d.put("berrys.outage.model-call-budget", "${BERRYS_MODEL_CALL_BUDGET:180s}");
        d.put("berrys.security.jwks-uri", "${BERRYS_JWKS_URI:http://127.0.0.1:8080/.well-known/jwks.json}");
        d.put("berrys.security.issuer-uri", "${BERRYS_ISSUER_URI:}");
        d.put("berrys.security.gateway-url", "${BERRYS_GATEWAY_URL:http://127.0.0.1:8080}");
        d.put("berrys.security.service-client-id", "${BERRYS_SERVICE_CLIENT_ID:berrys-services}");
        d.put("berrys.security.service-client-secret", "${BERRYS_SERVICE_CLIENT_SECRET:}");
        d.put("berrys.security.roles-claim", "${BERRYS_ROLES_CLAIM:roles}");
        d.put("berrys.security.tenant-claim", "${BERRYS_TENANT_CLAIM:tenant}");
        d.put("berrys.security.audience", "${BERRYS_TOKEN_AUDIENCE:}");
        d.put("berrys.security.revocation-key", "${berrys.events.namespace:}berrys.token-revocations");
        d.put("berrys.security.revocation-refresh", "${BERRYS_REVOCATION_REFRESH:15s}");
        String schema = env.getProperty("berrys.service.schema");
        if (schema != null && !schema.isBlank()) {
            d.put("spring.flyway.schemas", schema);
            d.put("spring.flyway.default-schema", schema);
            d.put("spring.flyway.locations", "classpath:db/migration,classpath:db/berrys-starter");
            // the starter's migrations (V0_x) are versioned apart from the service's own, so a new one
            // arrives "below" migrations a database already has
            d.put("spring.flyway.out-of-order", "true");
            d.put("spring.jpa.properties.hibernate.default_schema", schema);
            d.put("spring.datasource.hikari.schema", schema);
            d.put("berrys.events.stream", "berrys." + schema);
        }
        d.put("berrys.events.group", "${spring.application.name}");
        // the bootstrap tenant (the gateway's default tenant) runs the platform
        d.put("berrys.events.platform-tenant", "${BERRYS_DEFAULT_TENANT:default}");
        env.getPropertySources().addLast(new MapPropertySource("berrysDefaults", d));
    }
}
