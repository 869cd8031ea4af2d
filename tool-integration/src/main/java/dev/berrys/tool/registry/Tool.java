package dev.berrys.tool.registry;

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

/** A tool a tenant's agents may call: its name, description, parameter schema, origin and switches. */
@Entity
@Table(name = "tool")
class Tool {
    static final String AVAILABLE = "AVAILABLE";
    static final String UNAVAILABLE = "UNAVAILABLE";

    @Id
    private UUID id;

    private String tenant;
    private String name;
    private String description;

    /** JSON Schema of the arguments, as JSON text. */
    private String parameters;

    @Enumerated(EnumType.STRING)
    private ToolSource source;

    @Column(name = "mcp_server_id")
    private @Nullable UUID mcpServerId;

    /** The tool's own name on its MCP server. */
    @Column(name = "remote_name")
    private @Nullable String remoteName;

    /** Where an HTTP tool is called (POST with the arguments as JSON). */
    private @Nullable String endpoint;

    private boolean enabled;
    private String status;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private @Nullable Long version;

    protected Tool() {}

    private Tool(String tenant, String name, String description, String parameters, ToolSource source) {
        this.id = UUID.randomUUID();
        this.tenant = tenant;
        this.name = name;
        this.description = description;
        this.parameters = parameters;
        this.source = source;
        this.enabled = true;
        this.status = AVAILABLE;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    static Tool http(
            String tenant, String name, String description, String parameters, String endpoint, boolean enabled) {
        Tool tool = new Tool(tenant, name, description, parameters, ToolSource.HTTP);
        tool.endpoint = endpoint;
        tool.enabled = enabled;
        return tool;
    }

    static Tool mcp(
            String tenant, String name, String description, String parameters, UUID serverId, String remoteName) {
        Tool tool = new Tool(tenant, name, description, parameters, ToolSource.MCP);
        tool.mcpServerId = serverId;
        tool.remoteName = remoteName;
        return tool;
    }

    void changeEnabled(boolean enabled) {
        if (this.enabled != enabled) {
            this.enabled = enabled;
            this.updatedAt = Instant.now();
        }
    }

    /** The MCP server listed this tool again, possibly with a new description or schema. */
    void rediscovered(String description, String parameters) {
        this.description = description;
        this.parameters = parameters;
        this.status = AVAILABLE;
        this.updatedAt = Instant.now();
    }

    void markUnavailable() {
        if (!UNAVAILABLE.equals(status)) {
            this.status = UNAVAILABLE;
            this.updatedAt = Instant.now();
        }
    }

    String name() {
        return name;
    }

    @Nullable
    String remoteName() {
        return remoteName;
    }

    ToolSource source() {
        return source;
    }

    ToolDefinition definition() {
        return new ToolDefinition(
                id,
                name,
                description,
                parameters,
                source,
                mcpServerId,
                remoteName,
                endpoint,
                enabled,
                status,
                createdAt,
                updatedAt);
    }
}
