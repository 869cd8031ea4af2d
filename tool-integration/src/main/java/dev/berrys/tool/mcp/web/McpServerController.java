package dev.berrys.tool.mcp.web;

import dev.berrys.contracts.security.Role;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.PageRequests;
import dev.berrys.starter.web.PageResponse;
import dev.berrys.starter.web.ProblemException;
import dev.berrys.tool.mcp.Credentials;
import dev.berrys.tool.mcp.McpServers;
import dev.berrys.tool.mcp.McpTransport;
import dev.berrys.tool.mcp.ServerView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * MCP servers. Registering or changing one is for ADMIN only: a stdio server is a command this service
 * runs. Credentials are write-only; responses say {@code hasCredentials}.
 */
@RestController
@RequestMapping("/api/mcp-servers")
class McpServerController {
    private final McpServers servers;

    McpServerController(McpServers servers) {
        this.servers = servers;
    }

    @GetMapping
    PageResponse<ServerView> list(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return PageResponse.of(servers.list(Tenants.require(), PageRequests.of(page, size, Sort.by("name"))), s -> s);
    }

    @GetMapping("/{id}")
    ServerView get(@PathVariable UUID id) {
        return servers.get(Tenants.require(), id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ServerView register(@Valid @RequestBody RegisterServer body) {
        requireAdmin();
        return servers.register(
                Tenants.require(),
                new McpServers.NewServer(
                        body.name(),
                        body.transport(),
                        body.command(),
                        body.args(),
                        body.env(),
                        body.url(),
                        body.credentials(),
                        body.enabled()));
    }

    @PostMapping("/{id}/refresh")
    ServerView refresh(@PathVariable UUID id) {
        requireAdmin();
        return servers.refresh(Tenants.require(), id);
    }

    @PatchMapping("/{id}")
    ServerView patch(@PathVariable UUID id, @Valid @RequestBody SwitchServer body) {
        requireAdmin();
        return servers.setEnabled(Tenants.require(), id, body.enabled());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        requireAdmin();
        servers.delete(Tenants.require(), id);
    }

    private static void requireAdmin() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        boolean admin = auth != null
                && auth.getAuthorities().stream()
                        .anyMatch(a -> Role.ADMIN.authority().equals(a.getAuthority()));
        if (!admin) {
            throw new ProblemException(
                    HttpStatus.FORBIDDEN, "forbidden", "Only an ADMIN may register or change MCP servers.", Map.of());
        }
    }

    /**
     * @param command and {@code args}: the process of a STDIO server
     * @param env non-secret environment variables of a STDIO server (shown in responses)
     * @param url the endpoint of a STREAMABLE_HTTP or SSE server
     * @param credentials write-only: {@code bearerToken}, {@code headers} (HTTP) or {@code env} (STDIO)
     */
    record RegisterServer(
            @NotBlank @Pattern(regexp = McpServers.NAME_PATTERN, message = "must be 1 to 32 letters, digits or '-'")
            String name,

            @NotNull McpTransport transport,
            @Size(max = 1000) @Nullable String command,
            @Nullable @Size(max = 100) List<@Size(max = 16384) String> args,
            @Nullable @Size(max = 100) Map<String, String> env,
            @Size(max = 2048) @Nullable String url,
            @Nullable Credentials credentials,
            @Nullable Boolean enabled) {}

    record SwitchServer(@NotNull Boolean enabled) {}
}
