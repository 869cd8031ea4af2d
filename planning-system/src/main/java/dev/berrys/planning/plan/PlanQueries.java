package dev.berrys.planning.plan;

import dev.berrys.planning.plan.PlanViews.PlanDetail;
import dev.berrys.planning.plan.PlanViews.PlanSummary;
import dev.berrys.planning.plan.PlanViews.TaskView;
import dev.berrys.starter.web.PageResponse;
import dev.berrys.starter.web.ProblemException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read side of plans and tasks, always within one tenant. */
@Service
@Transactional(readOnly = true)
public class PlanQueries {
    private final Plans plans;
    private final Tasks tasks;

    PlanQueries(Plans plans, Tasks tasks) {
        this.plans = plans;
        this.tasks = tasks;
    }

    public PageResponse<PlanSummary> versions(String tenant, UUID projectId, PageRequest page) {
        return PageResponse.of(plans.findByTenantAndProjectId(tenant, projectId, page), PlanSummary::of);
    }

    public PlanDetail plan(String tenant, UUID id) {
        Plan p = plans.findByIdAndTenant(id, tenant).orElseThrow(() -> new ProblemException.NotFound("plan", id));
        List<Task> all = tasks.findByPlanIdOrderByPosition(id);
        List<UUID> criticalPath = all.stream()
                .filter(t -> t.criticalPosition() != null)
                .sorted(Comparator.comparing(t -> Objects.requireNonNull(t.criticalPosition())))
                .map(Task::id)
                .toList();
        return new PlanDetail(
                p.id(),
                p.projectId(),
                p.version(),
                p.status(),
                p.statusReason(),
                p.goal(),
                p.feedback(),
                p.createdAt(),
                p.startedAt(),
                p.finishedAt(),
                p.taskCount(),
                p.completedTasks(),
                criticalPath,
                all.stream().map(TaskView::of).toList());
    }

    /** The tasks of {@code planId}, else of the project's latest plan version. */
    public PageResponse<TaskView> tasks(
            String tenant, UUID projectId, @Nullable UUID planId, @Nullable TaskStatus status, PageRequest page) {
        UUID plan = planId;
        if (plan == null) {
            plan = plans.findFirstByTenantAndProjectIdOrderByVersionDesc(tenant, projectId)
                    .map(Plan::id)
                    .orElse(null);
        }
        if (plan == null) {
            return new PageResponse<>(List.of(), page.getPageNumber(), page.getPageSize(), 0, 0);
        }
        Page<Task> found = status == null
                ? tasks.findByTenantAndProjectIdAndPlanId(tenant, projectId, plan, page)
                : tasks.findByTenantAndProjectIdAndPlanIdAndStatus(tenant, projectId, plan, status, page);
        return PageResponse.of(found, TaskView::of);
    }

    public TaskView task(String tenant, UUID id) {
        return tasks.findByIdAndTenant(id, tenant)
                .map(TaskView::of)
                .orElseThrow(() -> new ProblemException.NotFound("task", id));
    }
}
