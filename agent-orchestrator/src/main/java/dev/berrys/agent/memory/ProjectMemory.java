package dev.berrys.agent.memory;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A project's memory: one short note per completed execution, given to the project's later tasks so
 * that an agent knows what the team has already found or decided, beyond its own task's dependencies.
 */
@Service
public class ProjectMemory {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** A note is at most this long. */
    public static final int MAX_NOTE = 500;

    private final MemoryNotes notes;
    private final EntityManager entities;

    ProjectMemory(MemoryNotes notes, EntityManager entities) {
        this.notes = notes;
        this.entities = entities;
    }

    public record Note(
            UUID id,
            UUID projectId,
            UUID taskId,
            UUID executionId,
            UUID agentId,
            String role,
            String title,
            String note,
            Instant createdAt) {}

    /** Records what a completed execution produced; joins the caller's transaction (the completion's). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void remember(
            String tenant,
            UUID projectId,
            UUID executionId,
            UUID taskId,
            UUID agentId,
            String role,
            String title,
            String output) {
        entities.persist(new MemoryNote(tenant, projectId, executionId, taskId, agentId, role, title, noteOf(output)));
    }

    /** The {@code limit} most recent notes of a project, oldest first. */
    @Transactional(readOnly = true)
    public List<Note> recent(String tenant, UUID projectId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return notes
                .findByTenantAndProjectIdOrderByCreatedAtDesc(tenant, projectId, PageRequest.of(0, limit))
                .reversed()
                .stream()
                .map(MemoryNote::view)
                .toList();
    }

    @Transactional(readOnly = true)
    public Page<Note> page(String tenant, UUID projectId, Pageable page) {
        return notes.findByTenantAndProjectId(tenant, projectId, page).map(MemoryNote::view);
    }

    /** The gist of an output: its text with whitespace collapsed, cut at {@link #MAX_NOTE} characters. */
    static String noteOf(String output) {
        String flat = WHITESPACE.matcher(output.strip()).replaceAll(" ");
        return flat.length() <= MAX_NOTE ? flat : flat.substring(0, MAX_NOTE - 1) + "…";
    }
}
