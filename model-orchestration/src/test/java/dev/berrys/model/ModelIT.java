package dev.berrys.model;

import dev.berrys.starter.test.BerrysIntegrationTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/** The one whole-context setup of this module's ITs (one cached context): an encryption key, a short simulated latency. */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@BerrysIntegrationTest
@TestPropertySource(
        properties = {
            "BERRYS_ENCRYPTION_KEY=" + ModelIT.KEY,
            "berrys.model.simulated.latency-ms=5",
            "berrys.model.routing.catalog-ttl=200ms",
            // the fake upstreams listen on the loopback interface
            "berrys.model.providers.allowlist=127.0.0.1,localhost"
        })
public @interface ModelIT {
    /** base64 of 32 bytes, for tests only. */
    String KEY = "dGVzdC1vbmx5LWVuY3J5cHRpb24ta2V5LTMyLWJ5dGU=";
}
