package dev.berrys.tool.workspace;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface WorkspaceFiles extends JpaRepository<WorkspaceFile, UUID> {

    Optional<WorkspaceFile> findFirstByTenantAndProjectIdAndNameOrderByVersionDesc(
            String tenant, UUID projectId, String name);

    Optional<WorkspaceFile> findByTenantAndProjectIdAndNameAndVersion(
            String tenant, UUID projectId, String name, int version);

    @Query("select coalesce(max(f.version), 0) from WorkspaceFile f"
            + " where f.tenant = :tenant and f.projectId = :projectId and f.name = :name")
    int latestVersion(String tenant, UUID projectId, String name);

    /** The latest version of each name, without the content. */
    @Query(
            value = "select new dev.berrys.tool.workspace.Workspace$FileSummary(f.name, f.version, f.sizeBytes,"
                    + " f.createdAt) from WorkspaceFile f where f.tenant = :tenant and f.projectId = :projectId"
                    + " and f.version = (select max(g.version) from WorkspaceFile g where g.tenant = f.tenant"
                    + " and g.projectId = f.projectId and g.name = f.name) order by f.name",
            countQuery = "select count(distinct f.name) from WorkspaceFile f"
                    + " where f.tenant = :tenant and f.projectId = :projectId")
    Page<Workspace.FileSummary> latest(String tenant, UUID projectId, Pageable pageable);
}
