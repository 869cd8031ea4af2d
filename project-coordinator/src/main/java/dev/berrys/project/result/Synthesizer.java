package dev.berrys.project.result;

import dev.berrys.project.project.ProjectFlow;
import dev.berrys.project.project.ProjectQueries;
import dev.berrys.project.project.ProjectView;
import dev.berrys.project.result.SynthesisModel.Outcome;
import dev.berrys.project.result.SynthesisModel.TaskResult;
import dev.berrys.starter.calls.OutagePolicy;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a project's result from its stored artifacts: claims the pending synthesis, calls the model
 * outside any transaction, then completes the project (or blocks, or fails it) in one transaction.
 */
@Component
class Synthesizer {
    private static final Logger log = LoggerFactory.getLogger(Synthesizer.class);

    private final SynthesisLeases leases;
    private final SynthesisModel model;
    private final ProjectResults results;
    private final Artifacts artifacts;
    private final ProjectQueries queries;
    private final ProjectFlow projects;
    private final TransactionTemplate tx;
    private final Duration lease;

    Synthesizer(
            SynthesisLeases leases,
            SynthesisModel model,
            ProjectResults results,
            Artifacts artifacts,
            ProjectQueries queries,
            ProjectFlow projects,
            TransactionTemplate tx,
            OutagePolicy outages) {
        this.leases = leases;
        this.model = model;
        this.results = results;
        this.artifacts = artifacts;
        this.queries = queries;
        this.projects = projects;
        this.tx = tx;
        this.lease = outages.modelReadTimeout().plusMinutes(2);
    }

    /** Runs the synthesis of {@code projectId} unless another replica holds it or it is done. */
    void run(UUID projectId, String tenant) {
        if (!leases.claim(projectId, lease)) {
            return;
        }
        ProjectView project = queries.get(tenant, projectId);
        Outcome outcome;
        if (project.status().isFinal()) {
            outcome = null;
        } else {
            List<TaskResult> tasks =
                    tx.execute(status -> artifacts.findByTenantAndProjectIdOrderByPosition(tenant, projectId).stream()
                            .map(a -> new TaskResult(a.title(), a.role(), a.content()))
                            .toList());
            UUID planId = tx.execute(status ->
                    results.findById(projectId).map(ProjectResult::planId).orElse(null));
            outcome = model.synthesise(
                    projectId,
                    planId,
                    project.goal(),
                    tasks == null ? List.of() : tasks,
                    () -> leases.renew(projectId, lease));
        }
        tx.executeWithoutResult(status -> finish(projectId, tenant, outcome));
    }

    private void finish(UUID projectId, String tenant, @Nullable Outcome outcome) {
        ProjectResult result = results.lock(projectId).orElseThrow();
        if (result.status() != ResultStatus.PENDING) {
            return;
        }
        switch (outcome) {
            case null -> result.end(ResultStatus.ABANDONED, "the project finished before its result was made");
            case Outcome.Done done -> {
                if (projects.complete(tenant, projectId, done.summary())) {
                    result.complete(done.summary(), done.model(), done.simulated());
                    log.info("project {} completed (model {})", projectId, done.model());
                } else {
                    result.end(ResultStatus.ABANDONED, "the project finished before its result was made");
                }
            }
            case Outcome.Refused refused -> {
                result.end(ResultStatus.BLOCKED, refused.reason());
                projects.pauseForBudget(tenant, projectId);
                log.info("synthesis of project {} waits for a larger budget", projectId);
            }
            case Outcome.Failed failed -> {
                result.end(ResultStatus.FAILED, failed.reason());
                projects.fail(tenant, projectId, "The result synthesis failed: " + failed.reason());
                log.warn("synthesis of project {} failed: {}", projectId, failed.reason());
            }
        }
    }
}
