package dev.berrys.project.project;

import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.PageRequests;
import dev.berrys.starter.web.PageResponse;
import dev.berrys.starter.web.ProblemException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads projects of the caller's tenant; another tenant's project is as unknown as a missing one. */
@Service
@Transactional(readOnly = true)
public class ProjectQueries {
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));

    private final Projects projects;

    ProjectQueries(Projects projects) {
        this.projects = projects;
    }

    /** The project, or a 404. */
    public ProjectView get(UUID id) {
        return get(Tenants.require(), id);
    }

    public ProjectView get(String tenant, UUID id) {
        return projects.findByIdAndTenant(id, tenant)
                .map(Project::view)
                .orElseThrow(() -> new ProblemException.NotFound("project", id));
    }

    public PageResponse<ProjectView> list(@Nullable ProjectStatus status, int page, int size) {
        var pageable = PageRequests.of(page, size, NEWEST_FIRST);
        String tenant = Tenants.require();
        var found = status == null
                ? projects.findByTenant(tenant, pageable)
                : projects.findByTenantAndStatus(tenant, status, pageable);
        return PageResponse.of(found, Project::view);
    }
}
