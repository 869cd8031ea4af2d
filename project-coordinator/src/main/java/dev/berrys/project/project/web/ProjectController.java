package dev.berrys.project.project.web;

import dev.berrys.project.project.ProjectCommands;
import dev.berrys.project.project.ProjectQueries;
import dev.berrys.project.project.ProjectStatus;
import dev.berrys.project.project.ProjectView;
import dev.berrys.starter.web.PageResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/projects")
class ProjectController {
    private final ProjectCommands commands;
    private final ProjectQueries queries;

    ProjectController(ProjectCommands commands, ProjectQueries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @PostMapping
    ResponseEntity<ProjectView> create(@Valid @RequestBody NewProjectRequest request) {
        ProjectView created = commands.create(
                Objects.requireNonNull(request.name()).strip(),
                Objects.requireNonNull(request.goal()).strip(),
                request.budgetUsd(),
                request.budgetTokens(),
                Boolean.TRUE.equals(request.requirePlanApproval()));
        return ResponseEntity.created(URI.create("/api/projects/" + created.id()))
                .body(created);
    }

    @GetMapping
    PageResponse<ProjectView> list(
            @RequestParam(required = false) @Nullable ProjectStatus status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return queries.list(status, page, size);
    }

    @GetMapping("/{id}")
    ProjectView get(@PathVariable UUID id) {
        return queries.get(id);
    }

    @PostMapping("/{id}/start")
    ProjectView start(@PathVariable UUID id) {
        return commands.start(id);
    }

    @PostMapping("/{id}/pause")
    ProjectView pause(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable ReasonRequest body) {
        return commands.pause(id, body == null ? null : body.reason());
    }

    @PostMapping("/{id}/resume")
    ProjectView resume(@PathVariable UUID id) {
        return commands.resume(id);
    }

    @PostMapping("/{id}/cancel")
    ProjectView cancel(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable ReasonRequest body) {
        return commands.cancel(id, body == null ? null : body.reason());
    }

    @PatchMapping("/{id}/budget")
    ProjectView budget(@PathVariable UUID id, @Valid @RequestBody BudgetRequest body) {
        return commands.changeBudget(id, body.budgetUsd(), body.budgetTokens());
    }
}
