package dev.berrys.project.result;

import dev.berrys.contracts.events.PlanningEvents;
import dev.berrys.contracts.events.TaskOutput;
import dev.berrys.project.project.ProjectFlow;
import dev.berrys.project.project.ProjectQueries;
import dev.berrys.project.project.ProjectStatus;
import dev.berrys.project.project.ProjectView;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.PageRequests;
import dev.berrys.starter.web.PageResponse;
import dev.berrys.starter.web.ProblemException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A project's result and artifacts; a finished plan's outputs become artifacts and a pending synthesis. */
@Service
@Transactional(readOnly = true)
public class ResultService {
    private final ProjectResults results;
    private final Artifacts artifacts;
    private final ProjectQueries queries;
    private final ProjectFlow projects;
    private final SynthesisJobs jobs;

    ResultService(
            ProjectResults results,
            Artifacts artifacts,
            ProjectQueries queries,
            ProjectFlow projects,
            SynthesisJobs jobs) {
        this.results = results;
        this.artifacts = artifacts;
        this.queries = queries;
        this.projects = projects;
        this.jobs = jobs;
    }

    /** The result, or a 409 {@code result-not-ready} while the project is not COMPLETED. */
    public ResultView result(UUID projectId) {
        String tenant = Tenants.require();
        ProjectView project = queries.get(tenant, projectId);
        var result = results.findByProjectIdAndTenant(projectId, tenant)
                .filter(r -> r.status() == ResultStatus.COMPLETED)
                .filter(r -> project.status() == ProjectStatus.COMPLETED)
                .orElseThrow(() -> new ProblemException.Conflict(
                        "result-not-ready",
                        "Project " + projectId + " is " + project.status()
                                + "; its result exists once it is COMPLETED."));
        List<ArtifactView> outputs = artifacts.findByTenantAndProjectIdOrderByPosition(tenant, projectId).stream()
                .map(Artifact::view)
                .toList();
        return new ResultView(
                projectId,
                project.status(),
                Objects.requireNonNull(result.summary()),
                // the synthesis says so at once; the other calls as their model.call-recorded events arrive
                result.simulated() || project.simulatedCalls() > 0,
                project.simulatedCalls(),
                Objects.requireNonNullElse(result.model(), "unknown"),
                outputs,
                result.completedAt());
    }

    public PageResponse<ArtifactView> artifacts(UUID projectId, int page, int size) {
        String tenant = Tenants.require();
        queries.get(tenant, projectId);
        var pageable = PageRequests.of(page, size, Sort.by("position"));
        return PageResponse.of(artifacts.findByTenantAndProjectId(tenant, projectId, pageable), Artifact::view);
    }

    public ArtifactView artifact(UUID projectId, UUID artifactId) {
        return artifacts
                .findByIdAndTenantAndProjectId(artifactId, Tenants.require(), projectId)
                .map(Artifact::view)
                .orElseThrow(() -> new ProblemException.NotFound("artifact", artifactId));
    }

    /**
     * Keeps the plan's outputs as artifacts and marks the result pending; the synthesis runs after the
     * commit. Runs in the inbox transaction; a finished or unknown project, or a second plan.completed, is
     * ignored.
     */
    @Transactional
    void planCompleted(String tenant, PlanningEvents.PlanCompleted plan) {
        UUID projectId = plan.projectId();
        boolean open =
                projects.status(tenant, projectId).filter(s -> !s.isFinal()).isPresent();
        if (!open || results.existsById(projectId)) {
            return;
        }
        int position = 0;
        for (TaskOutput output : plan.outputs()) {
            artifacts.save(new Artifact(
                    tenant,
                    projectId,
                    plan.planId(),
                    output.taskId(),
                    output.title(),
                    output.role(),
                    Objects.requireNonNullElse(output.output(), ""),
                    position++));
        }
        results.save(new ProjectResult(tenant, projectId, plan.planId()));
        jobs.submitAfterCommit(projectId, tenant);
    }
}
