package dev.berrys.project.result;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface ProjectResults extends JpaRepository<ProjectResult, UUID> {

    Optional<ProjectResult> findByProjectIdAndTenant(UUID projectId, String tenant);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from ProjectResult r where r.projectId = :projectId")
    Optional<ProjectResult> lock(UUID projectId);
}
