package dev.berrys.project.approval;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface Approvals extends JpaRepository<Approval, UUID>, JpaSpecificationExecutor<Approval> {

    Optional<Approval> findByIdAndTenant(UUID id, String tenant);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Approval a where a.id = :id and a.tenant = :tenant")
    Optional<Approval> lock(UUID id, String tenant);

    boolean existsByProjectIdAndPlanId(UUID projectId, UUID planId);
}
