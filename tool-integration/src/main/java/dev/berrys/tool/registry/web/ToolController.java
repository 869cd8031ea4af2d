package dev.berrys.tool.registry.web;

import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.PageRequests;
import dev.berrys.starter.web.PageResponse;
import dev.berrys.tool.registry.ToolDefinition;
import dev.berrys.tool.registry.ToolRegistry;
import dev.berrys.tool.registry.ToolSource;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The tool registry: list, read, register an HTTP tool, switch a tool on or off. */
@RestController
@RequestMapping("/api/tools")
class ToolController {
    private final ToolRegistry registry;
    private final JsonMapper json;

    ToolController(ToolRegistry registry, JsonMapper json) {
        this.registry = registry;
        this.json = json;
    }

    @GetMapping
    PageResponse<ToolView> list(
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            @RequestParam(required = false) @Nullable Boolean enabled,
            @RequestParam(required = false) @Nullable ToolSource source) {
        var tools = registry.list(Tenants.require(), enabled, source, PageRequests.of(page, size, Sort.by("name")));
        return PageResponse.of(tools, this::view);
    }

    @GetMapping("/{name}")
    ToolView get(@PathVariable String name) {
        return view(registry.require(Tenants.require(), name));
    }

    @PostMapping
    ResponseEntity<ToolView> register(@Valid @RequestBody RegisterTool body) {
        var registered = registry.register(
                Tenants.require(),
                new ToolRegistry.NewTool(
                        body.name(), body.description(), body.parameters(), body.url(), body.enabled()));
        return ResponseEntity.status(registered.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(view(registered.tool()));
    }

    @PatchMapping("/{name}")
    ToolView patch(@PathVariable String name, @Valid @RequestBody SwitchTool body) {
        return view(registry.setEnabled(Tenants.require(), name, body.enabled()));
    }

    private ToolView view(ToolDefinition t) {
        return new ToolView(
                t.id(),
                t.name(),
                t.description(),
                json.readValue(t.parameters(), Map.class),
                t.source(),
                t.mcpServerId(),
                t.endpoint(),
                t.enabled(),
                t.status(),
                t.createdAt(),
                t.updatedAt());
    }

    /** A tool as clients read it; {@code parameters} is the JSON Schema of its arguments. */
    record ToolView(
            UUID id,
            String name,
            String description,
            Map<?, ?> parameters,
            ToolSource source,
            @Nullable UUID mcpServerId,
            @Nullable String endpoint,
            boolean enabled,
            String status,
            Instant createdAt,
            Instant updatedAt) {}

    /**
     * Registers an HTTP tool (name, description, parameters, url: the arguments are POSTed there as JSON),
     * or, with only {@code name} and {@code enabled}, switches an existing tool.
     */
    record RegisterTool(
            @NotBlank
            @Pattern(regexp = ToolRegistry.NAME_PATTERN, message = "must be 1 to 64 letters, digits, '_' or '-'")
            String name,

            @Size(max = 2000) @Nullable String description,
            @Nullable Map<String, Object> parameters,
            @Size(max = 2048) @Nullable String url,
            @Nullable Boolean enabled) {}

    record SwitchTool(@NotNull Boolean enabled) {}
}
