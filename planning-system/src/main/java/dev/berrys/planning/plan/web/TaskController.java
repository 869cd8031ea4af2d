package dev.berrys.planning.plan.web;

import dev.berrys.planning.plan.PlanQueries;
import dev.berrys.planning.plan.PlanViews.TaskView;
import dev.berrys.planning.plan.TaskStatus;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.PageRequests;
import dev.berrys.starter.web.PageResponse;
import dev.berrys.starter.web.ProblemException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tasks: a project's (of its latest plan version unless {@code planId} names one), or one by id. */
@RestController
@RequestMapping("/api/tasks")
class TaskController {
    private final PlanQueries queries;

    TaskController(PlanQueries queries) {
        this.queries = queries;
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
}
