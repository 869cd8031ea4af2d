package dev.berrys.agent.execution.web;

import dev.berrys.agent.execution.ExecutionQueries;
import dev.berrys.agent.execution.ExecutionQueries.ExecutionView;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.PageRequests;
import dev.berrys.starter.web.PageResponse;
import dev.berrys.starter.web.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/executions")
class ExecutionController {
    private final ExecutionQueries executions;

    ExecutionController(ExecutionQueries executions) {
        this.executions = executions;
    }

    /** Executions of a task or of a project (at least one filter), oldest first, without their steps. */
    @GetMapping
    PageResponse<ExecutionView> list(
            @RequestParam(required = false) @Nullable UUID taskId,
            @RequestParam(required = false) @Nullable UUID projectId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (taskId == null && projectId == null) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-request",
                    "Give 'taskId' or 'projectId' to choose the executions to list.",
                    Map.of("field", "taskId", "fields", List.of("taskId", "projectId")));
        }
        var request = PageRequests.of(page, size, Sort.by("createdAt", "attempt"));
        return PageResponse.of(executions.list(Tenants.require(), taskId, projectId, request), e -> e);
    }

    /** One execution with its steps. */
    @GetMapping("/{id}")
    ExecutionView get(@PathVariable UUID id) {
        return executions.get(Tenants.require(), id);
    }
}
