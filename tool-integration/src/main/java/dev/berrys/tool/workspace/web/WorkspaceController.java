package dev.berrys.tool.workspace.web;

import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.PageRequests;
import dev.berrys.starter.web.PageResponse;
import dev.berrys.starter.web.ProblemException;
import dev.berrys.tool.workspace.Workspace;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** People read a project's workspace: {@code /api/workspaces/{projectId}/files[/{name}]}. */
@RestController
@RequestMapping("/api/workspaces/{projectId}/files")
class WorkspaceController {
    private final Workspace workspace;

    WorkspaceController(Workspace workspace) {
        this.workspace = workspace;
    }

    @GetMapping
    PageResponse<?> list(
            @PathVariable UUID projectId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        var files = workspace.list(Tenants.require(), projectId, PageRequests.of(page, size, Sort.unsorted()));
        return PageResponse.of(files, f -> f);
    }

    @GetMapping("/{*name}")
    Object read(
            @PathVariable UUID projectId,
            @PathVariable String name,
            @RequestParam(required = false) @Nullable Integer version) {
        String clean = name.startsWith("/") ? name.substring(1) : name;
        Workspace.requireValidName(clean);
        return workspace
                .read(Tenants.require(), projectId, clean, version)
                .orElseThrow(() -> new ProblemException.NotFound("workspace file", clean));
    }
}
