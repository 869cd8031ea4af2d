package dev.berrys.planning.plan.web;

import dev.berrys.planning.plan.PlanQueries;
import dev.berrys.planning.plan.PlanViews.TaskView;
import dev.berrys.planning.plan.TaskInterventions;
import dev.berrys.planning.plan.TaskStatus;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.PageRequests;
import dev.berrys.starter.web.PageResponse;
import dev.berrys.starter.web.ProblemException;
import jakarta.validation.Valid;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tasks: a project's (of its latest plan version unless {@code planId} names one), or one by id; retry and skip. */
@RestController
@RequestMapping("/api/tasks")
class TaskController {
    private final PlanQueries queries;
    private final TaskInterventions interventions;

    TaskController(PlanQueries queries, TaskInterventions interventions) {
        this.queries = queries;
        this.interventions = interventions;
    }

    /** In plan order. */
    @GetMapping
    PageResponse<TaskView> list(
            @RequestParam(required = false) @Nullable UUID projectId,
            @RequestParam(required = false) @Nullable UUID planId,
            @RequestParam(required = false) @Nullable TaskStatus status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        if (projectId == null) {
            throw new ProblemException.BadRequest("projectId", "Parameter 'projectId' is required.");
        }
        return queries.tasks(
                Tenants.require(), projectId, planId, status, PageRequests.of(page, size, Sort.by("position")));
    }

    @GetMapping("/{id}")
    TaskView get(@PathVariable UUID id) {
        return queries.task(Tenants.require(), id);
    }

    /** A FAILED (or CANCELLED by its plan's failure) task runs again; a FAILED plan is reopened. */
    @PostMapping("/{id}/retry")
    TaskView retry(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable ReasonRequest body) {
        return interventions.retry(Tenants.require(), id, body == null ? null : body.reason());
    }

    /** A task not running nor done counts as done; {@code reason} is required and shown to its dependants. */
    @PostMapping("/{id}/skip")
    TaskView skip(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable ReasonRequest body) {
        String reason = body == null ? null : body.reason();
        if (reason == null || reason.isBlank()) {
            throw new ProblemException.BadRequest("reason", "Field 'reason' is required: say why the task is skipped.");
        }
        return interventions.skip(Tenants.require(), id, reason.strip());
    }
}
