package dev.berrys.tool.registry;

import dev.berrys.starter.net.AddressFilter;
import dev.berrys.starter.net.RefusedAddressException;
import dev.berrys.starter.schema.JsonSchemas;
import dev.berrys.starter.web.ProblemException;
import jakarta.persistence.criteria.Predicate;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The tools of each tenant: built-in, registered HTTP endpoints and those discovered on MCP servers. */
@Service
public class ToolRegistry {
    private static final Logger log = LoggerFactory.getLogger(ToolRegistry.class);
    public static final String NAME_PATTERN = "^[A-Za-z0-9_-]{1,64}$";

    private final Tools tools;
    private final BuiltinSeeder seeder;
    private final JsonSchemas schemas;
    private final AddressFilter addresses;
    private final JsonMapper json;
    private final TransactionTemplate tx;

    ToolRegistry(
            Tools tools,
            BuiltinSeeder seeder,
            JsonSchemas schemas,
            AddressFilter addresses,
            JsonMapper json,
            TransactionTemplate tx) {
        this.tx = tx;
        this.tools = tools;
        this.seeder = seeder;
        this.schemas = schemas;
        this.addresses = addresses;
        this.json = json;
    }

    public Page<ToolDefinition> list(
            String tenant, @Nullable Boolean enabled, @Nullable ToolSource source, Pageable page) {
        seeder.ensure(tenant);
        return inTransaction(() -> listSeeded(tenant, enabled, source, page));
    }

    private Page<ToolDefinition> listSeeded(
            String tenant, @Nullable Boolean enabled, @Nullable ToolSource source, Pageable page) {
        Specification<Tool> spec = (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            where.add(cb.equal(root.get("tenant"), tenant));
            if (enabled != null) {
                where.add(cb.equal(root.get("enabled"), enabled));
            }
            if (source != null) {
                where.add(cb.equal(root.get("source"), source));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
        return tools.findAll(spec, page).map(Tool::definition);
    }

    /** The tool named {@code name}; 404 when the tenant has none. */
    public ToolDefinition require(String tenant, String name) {
        seeder.ensure(tenant);
        return inTransaction(() -> find(tenant, name).definition());
    }

    /**
     * Registers an HTTP tool, or switches an existing tool on or off when only {@code name} and
     * {@code enabled} are given.
     *
     * @return the tool and whether it was created
     */
    public Registered register(String tenant, NewTool request) {
        seeder.ensure(tenant);
        return inTransaction(() -> registerSeeded(tenant, request));
    }

    private Registered registerSeeded(String tenant, NewTool request) {
        var existing = tools.findByTenantAndName(tenant, request.name());
        if (existing.isPresent()) {
            if (request.isSwitchOnly()) {
                existing.get().changeEnabled(Objects.requireNonNull(request.enabled())); // a switch carries it
                return new Registered(existing.get().definition(), false);
            }
            throw new ProblemException.Conflict(
                    "tool-exists", "A tool named '" + request.name() + "' exists; use PATCH to switch it on or off.");
        }
        if (request.name().contains("__")) {
            throw new ProblemException.BadRequest("name", "Field 'name' must not contain '__' (kept for MCP tools).");
        }
        if (request.url() == null || request.url().isBlank()) {
            throw new ProblemException.BadRequest("url", "Field 'url' is required to register an HTTP tool.");
        }
        if (request.description() == null || request.description().isBlank()) {
            throw new ProblemException.BadRequest("description", "Field 'description' must not be blank.");
        }
        if (request.parameters() == null) {
            throw new ProblemException.BadRequest("parameters", "Field 'parameters' (a JSON Schema) is required.");
        }
        List<String> problems = parameterProblems(request.parameters());
        if (!problems.isEmpty()) {
            throw new ProblemException.BadRequest(
                    "parameters",
                    "Field 'parameters' is not a valid JSON Schema (draft 2020-12): " + String.join("; ", problems));
        }
        String url = checkedUrl(request.url());
        Tool tool = Tool.http(
                tenant,
                request.name(),
                request.description(),
                json.writeValueAsString(request.parameters()),
                url,
                request.enabled() == null || request.enabled());
        return new Registered(tools.save(tool).definition(), true);
    }

    public ToolDefinition setEnabled(String tenant, String name, boolean enabled) {
        seeder.ensure(tenant);
        return inTransaction(() -> {
            Tool tool = find(tenant, name);
            tool.changeEnabled(enabled);
            return tool.definition();
        });
    }

    /**
     * The tenant's built-in tools are seeded before this transaction begins, never inside it: the seeding
     * commits on its own connection, and a request holding one connection while it waits for a second
     * starves the pool when as many requests as it has connections do so at once (the first calls of a
     * tenant on a fresh replica).
     */
    private <T> T inTransaction(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    /**
     * Makes the tenant's tools of an MCP server match what it listed: new ones are added as
     * {@code <server>__<tool>}, known ones updated (keeping their switch), vanished ones removed.
     */
    @Transactional
    public List<ToolDefinition> syncMcpTools(String tenant, UUID serverId, String serverName, List<Discovered> found) {
        Map<String, Tool> known = new java.util.HashMap<>();
        tools.findByTenantAndMcpServerId(tenant, serverId).forEach(t -> known.put(t.remoteName(), t));
        Set<String> seen = new HashSet<>();
        List<ToolDefinition> result = new ArrayList<>();
        for (Discovered d : found) {
            if (!seen.add(d.remoteName())) {
                continue;
            }
            Tool tool = known.remove(d.remoteName());
            if (tool != null) {
                tool.rediscovered(d.description(), d.parameters());
            } else {
                String name = mcpToolName(serverName, d.remoteName());
                if (tools.findByTenantAndName(tenant, name).isPresent()) {
                    log.warn("MCP tool {} of server {} clashes with an existing tool name; skipped", name, serverId);
                    continue;
                }
                tool = tools.save(Tool.mcp(tenant, name, d.description(), d.parameters(), serverId, d.remoteName()));
            }
            result.add(tool.definition());
        }
        tools.deleteAll(known.values());
        return result;
    }

    /** The server cannot be reached: its tools stay listed but UNAVAILABLE. */
    @Transactional
    public void markMcpToolsUnavailable(String tenant, UUID serverId) {
        tools.findByTenantAndMcpServerId(tenant, serverId).forEach(Tool::markUnavailable);
    }

    @Transactional
    public void removeMcpTools(String tenant, UUID serverId) {
        tools.deleteAll(tools.findByTenantAndMcpServerId(tenant, serverId));
    }

    @Transactional
    public List<ToolDefinition> mcpTools(String tenant, UUID serverId) {
        return tools.findByTenantAndMcpServerId(tenant, serverId).stream()
                .map(Tool::definition)
                .sorted(java.util.Comparator.comparing(ToolDefinition::name))
                .toList();
    }

    /** {@code <server>__<tool>}, with characters a model API refuses replaced, at most 64 long. */
    static String mcpToolName(String serverName, String remoteName) {
        String name = serverName + "__" + remoteName.replaceAll("[^A-Za-z0-9_-]", "_");
        return name.length() <= 64 ? name : name.substring(0, 64);
    }

    private Tool find(String tenant, String name) {
        return tools.findByTenantAndName(tenant, name).orElseThrow(() -> new ProblemException.NotFound("tool", name));
    }

    private String checkedUrl(String raw) {
        URI uri;
        try {
            uri = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw new ProblemException.BadRequest("url", "Field 'url' is not a valid URL.");
        }
        try {
            addresses.check(uri);
        } catch (RefusedAddressException e) {
            throw new ProblemException.BadRequest("url", "Field 'url' is refused: " + e.getMessage());
        }
        return uri.toString();
    }

    /** What {@code POST /api/tools} asks for. */
    public record NewTool(
            String name,
            @Nullable String description,
            @Nullable Map<String, Object> parameters,
            @Nullable String url,
            @Nullable Boolean enabled) {
        boolean isSwitchOnly() {
            return enabled != null && description == null && parameters == null && url == null;
        }
    }

    public record Registered(ToolDefinition tool, boolean created) {}

    /** A tool an MCP server listed. @param parameters its input schema as JSON text */
    public record Discovered(String remoteName, String description, String parameters) {}

    /** Tool parameters are an object schema (models call functions with an arguments object). */
    private List<String> parameterProblems(Map<String, Object> parameters) {
        if (!"object".equals(parameters.get("type"))) {
            return List.of("must be a JSON Schema with \"type\": \"object\"");
        }
        return schemas.schemaProblems(json.valueToTree(parameters));
    }
}
