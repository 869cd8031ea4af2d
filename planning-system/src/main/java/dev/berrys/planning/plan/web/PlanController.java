package dev.berrys.planning.plan.web;

import dev.berrys.planning.plan.PlanQueries;
import dev.berrys.planning.plan.PlanViews.PlanDetail;
import dev.berrys.planning.plan.PlanViews.PlanSummary;
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

/** A project's plan versions, and one plan with its tasks, dependencies and critical path. */
@RestController
@RequestMapping("/api/plans")
class PlanController {
    private final PlanQueries queries;

    PlanController(PlanQueries queries) {
        this.queries = queries;
    }

    /** The project's versions, newest first. */
    @GetMapping
    PageResponse<PlanSummary> list(
            @RequestParam(required = false) @Nullable UUID projectId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        if (projectId == null) {
            throw new ProblemException.BadRequest("projectId", "Parameter 'projectId' is required.");
        }
        return queries.versions(
                Tenants.require(), projectId, PageRequests.of(page, size, Sort.by(Sort.Direction.DESC, "version")));
    }

    @GetMapping("/{id}")
    PlanDetail get(@PathVariable UUID id) {
        return queries.plan(Tenants.require(), id);
    }
}
