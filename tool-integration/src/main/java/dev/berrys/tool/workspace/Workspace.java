package dev.berrys.tool.workspace;

import dev.berrys.starter.web.ProblemException;
import dev.berrys.tool.builtin.ToolFailure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Per-project named artifacts, versioned on overwrite, isolated by tenant. */
@Service
public class Workspace {
    static final int MAX_CONTENT_BYTES = 1024 * 1024;

    private final WorkspaceFiles files;
    private final TransactionTemplate tx;

    Workspace(WorkspaceFiles files, TransactionTemplate tx) {
        this.files = files;
        this.tx = tx;
    }

    /** Stores {@code content} as the next version of {@code name}. */
    FileSummary write(String tenant, UUID projectId, String name, String content) {
        String problem = WorkspaceNames.problem(name);
        if (problem != null) {
            throw new ToolFailure(problem);
        }
        int bytes = content.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_CONTENT_BYTES) {
            throw new ToolFailure("Field 'content' is larger than " + MAX_CONTENT_BYTES + " bytes (" + bytes + ").");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(status -> {
                    int next = files.latestVersion(tenant, projectId, name) + 1;
                    WorkspaceFile file =
                            files.saveAndFlush(new WorkspaceFile(tenant, projectId, name, next, content, bytes));
                    return new FileSummary(file.name(), file.version(), file.sizeBytes(), file.createdAt());
                });
            } catch (DataIntegrityViolationException e) {
                // another writer took the same version number: take the next one
                if (attempt >= 3) {
                    throw new ToolFailure("The file '" + name + "' is being written concurrently; try again.");
                }
            }
        }
    }

    /** The latest version of {@code name}, or a given one. */
    public Optional<FileContent> read(String tenant, UUID projectId, String name, @Nullable Integer version) {
        return (version == null
                        ? files.findFirstByTenantAndProjectIdAndNameOrderByVersionDesc(tenant, projectId, name)
                        : files.findByTenantAndProjectIdAndNameAndVersion(tenant, projectId, name, version))
                .map(f -> new FileContent(
                        f.projectId(), f.name(), f.version(), f.sizeBytes(), f.createdAt(), f.content()));
    }

    public Page<FileSummary> list(String tenant, UUID projectId, Pageable page) {
        return files.latest(tenant, projectId, page);
    }

    /** For the REST API: a bad name is a 400 naming {@code name}. */
    public static void requireValidName(String name) {
        String problem = WorkspaceNames.problem(name);
        if (problem != null) {
            throw new ProblemException.BadRequest("name", problem);
        }
    }

    /** A file's latest version without its content. */
    public record FileSummary(String name, int version, int bytes, Instant updatedAt) {}

    /** One version of a file with its content. */
    public record FileContent(UUID projectId, String name, int version, int bytes, Instant createdAt, String content) {}
}
