package dev.berrys.tool.support;

import dev.berrys.starter.test.BerrysIntegrationTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link BerrysIntegrationTest} with the settings every tool-integration IT shares (so they share one
 * context): {@code localhost} allow-listed (never {@code 127.0.0.1}, so refusals of the loopback address
 * can be tested), an encryption key, a sandbox folder under {@code target/}, and this JDK's {@code java} as
 * the one command stdio servers may run (for the platform tenant {@code default}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@BerrysIntegrationTest
@TestPropertySource(
        properties = {
            "berrys.tool.http.allowlist=localhost",
            "berrys.tool.encryption-key=" + ToolIntegrationTest.KEY,
            "berrys.tool.mcp.sandbox-dir=target/mcp-sandbox",
            "berrys.tool.mcp.call-timeout=5s",
            "berrys.tool.mcp.init-timeout=60s",
            // the stdio test server is a JVM of this JDK; nothing else may run
            "berrys.tool.mcp.stdio-commands=${java.home}/bin/java",
            "berrys.tool.mcp.stdio-memory=1GB"
        })
public @interface ToolIntegrationTest {
    /** Base64 of 32 bytes, for tests only. */
    String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
}
