package dev.berrys.starter.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A whole-context test against the local PostgreSQL (database {@code test}, or {@code BERRYS_TEST_DB_URL})
 * and Redis, on a random port, with {@link TestTokens} accepted and a Redis namespace of its own so that
 * a running stack on the same Redis is never disturbed.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestSecurityConfiguration.class)
@TestPropertySource(
        properties = {
            "spring.datasource.url=${BERRYS_TEST_DB_URL:jdbc:postgresql://127.0.0.1:5432/test}",
            "berrys.events.namespace=it-${random.uuid}:",
            "berrys.events.reclaim-idle=1s",
            "berrys.events.relay-interval=50ms",
            "BERRYS_LOG_FORMAT=plain"
        })
public @interface BerrysIntegrationTest {}
