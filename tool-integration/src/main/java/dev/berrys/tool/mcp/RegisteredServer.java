package dev.berrys.tool.mcp;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An MCP server a tenant registered: how to reach it, its encrypted credentials and its last status. */
@Entity
@Table(name = "mcp_server")
class RegisteredServer {
    @Id
    private UUID id;

    private String tenant;
    private String name;

    @Enumerated(EnumType.STRING)
    private McpTransport transport;

    private @Nullable String command;

    /** JSON array of the command's arguments. */
    private String args;

    /** JSON object of non-secret environment variables for a stdio server. */
    private String env;

    private @Nullable String url;

    /** AES-GCM ciphertext of the {@link Credentials} JSON, bound to this row's id. */
    private @Nullable String credentials;

    private boolean enabled;

    @Enumerated(EnumType.STRING)
    private ServerStatus status;

    @Column(name = "status_message")
    private @Nullable String statusMessage;

    @Column(name = "status_at")
    private @Nullable Instant statusAt;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private @Nullable Long version;

    protected RegisteredServer() {}

    RegisteredServer(
            UUID id,
            String tenant,
            String name,
            McpTransport transport,
            @Nullable String command,
            String args,
            String env,
            @Nullable String url,
            boolean enabled) {
        this.id = id;
        this.tenant = tenant;
        this.name = name;
        this.transport = transport;
        this.command = command;
        this.args = args;
        this.env = env;
        this.url = url;
        this.enabled = enabled;
        this.status = enabled ? ServerStatus.PENDING : ServerStatus.DISABLED;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    /** The associated data binding a ciphertext to this server. */
    static String credentialsContext(UUID id) {
        return "mcp-server:" + id;
    }

    void storeCredentials(@Nullable String ciphertext) {
        this.credentials = ciphertext;
    }

    void connected() {
        status(ServerStatus.CONNECTED, null);
    }

    void failed(String safeMessage) {
        status(ServerStatus.ERROR, safeMessage);
    }

    void changeEnabled(boolean enabled) {
        this.enabled = enabled;
        status(enabled ? ServerStatus.PENDING : ServerStatus.DISABLED, null);
    }

    private void status(ServerStatus status, @Nullable String message) {
        this.status = status;
        this.statusMessage = message;
        this.statusAt = Instant.now();
        this.updatedAt = statusAt;
    }

    UUID id() {
        return id;
    }

    String tenant() {
        return tenant;
    }

    String name() {
        return name;
    }

    McpTransport transport() {
        return transport;
    }

    @Nullable
    String command() {
        return command;
    }

    String args() {
        return args;
    }

    String env() {
        return env;
    }

    @Nullable
    String url() {
        return url;
    }

    @Nullable
    String credentials() {
        return credentials;
    }

    boolean enabled() {
        return enabled;
    }

    ServerStatus status() {
        return status;
    }

    @Nullable
    String statusMessage() {
        return statusMessage;
    }

    @Nullable
    Instant statusAt() {
        return statusAt;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
