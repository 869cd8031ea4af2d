package dev.berrys.agent.execution;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface Questions extends JpaRepository<Question, UUID> {
    Optional<Question> findByTenantAndId(String tenant, UUID id);

    /** The question, locked until the answering transaction ends: two answers at once are told apart. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select q from Question q where q.tenant = :tenant and q.id = :id")
    Optional<Question> lockByTenantAndId(String tenant, UUID id);

    Page<Question> findByTenant(String tenant, Pageable page);

    Page<Question> findByTenantAndProjectId(String tenant, UUID projectId, Pageable page);

    Page<Question> findByTenantAndStatus(String tenant, QuestionStatus status, Pageable page);

    Page<Question> findByTenantAndProjectIdAndStatus(
            String tenant, UUID projectId, QuestionStatus status, Pageable page);

    List<Question> findByProjectIdAndTenantAndStatus(UUID projectId, String tenant, QuestionStatus status);
}
