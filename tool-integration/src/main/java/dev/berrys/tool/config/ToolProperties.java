package dev.berrys.tool.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of tool-integration.
 *
 * @param encryptionKey base64 of a 32-byte AES key for stored credentials; empty: none can be stored
 * @param http limits and the allow-list of outgoing HTTP (http_get, HTTP tools, HTTP MCP servers)
 * @param mcp MCP client limits and the stdio sandbox
 * @param idempotencyLease how long a tool execution's idempotency key stays claimed by a call that has not
 *     answered: longer than any tool may run, since past it a repeated key runs the tool again (its first
 *     holder is taken to have died)
 */
@ConfigurationProperties("berrys.tool")
public record ToolProperties(
        @DefaultValue("") String encryptionKey,
        @DefaultValue Http http,
        @DefaultValue Mcp mcp,
        @DefaultValue("5m") Duration idempotencyLease) {

    /**
     * @param allowlist host names and CIDRs reachable although private, loopback or link-local
     * @param defaultMaxBytes body cap of http_get when the call names none
     * @param maxBytesLimit the largest body cap a call may ask for
     */
    public record Http(
            @DefaultValue("") List<String> allowlist,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("15s") Duration readTimeout,
            @DefaultValue("102400") int defaultMaxBytes,
            @DefaultValue("1048576") int maxBytesLimit,
            @DefaultValue("3") int maxRedirects) {}

    /**
     * @param callTimeout the longest a tools/call (and any other MCP request) may take
     * @param sandboxDir where each stdio server gets its working directory
     * @param path the PATH a stdio server sees (its only inherited environment variable)
     * @param platformTenant the tenant whose ADMIN operates the platform: the only one who may register
     *     stdio servers (a stdio server is a process on this service's host)
     * @param stdioCommands the commands a stdio server may run, exactly as registered; empty: none
     * @param stdioMemory the data-segment limit ({@code prlimit --data}) of a stdio server; 0: none
     * @param stdioMaxMessage the longest line (one JSON-RPC message) read from a stdio server's stdout
     * @param stdioMaxStderr the most read of a stdio server's stderr per start (the rest is dropped); 0: no cap
     */
    public record Mcp(
            @DefaultValue("30s") Duration callTimeout,
            @DefaultValue("20s") Duration initTimeout,
            @DefaultValue("/tmp/berrys-mcp-sandbox") Path sandboxDir,
            @DefaultValue("/usr/local/bin:/usr/bin:/bin") String path,
            @DefaultValue("default") String platformTenant,
            @DefaultValue("") List<String> stdioCommands,
            @DefaultValue("1GB") DataSize stdioMemory,
            @DefaultValue("4MB") DataSize stdioMaxMessage,
            @DefaultValue("1MB") DataSize stdioMaxStderr) {

        /** Whether {@code tenant} may run {@code command} as a stdio server. */
        public boolean allowsStdio(String tenant, String command) {
            return platformTenant.equals(tenant)
                    && stdioCommands.stream().map(String::strip).anyMatch(command::equals);
        }
    }
}
