package dev.berrys.planning.planner;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface PlanRequests extends JpaRepository<PlanRequest, UUID> {

    /** Takes the lease of a pending request that nobody holds; 1 when this caller got it. */
    @Modifying
    @Query("update PlanRequest r set r.lockedUntil = :until, r.runs = r.runs + 1 where r.id = :id"
            + " and r.status = dev.berrys.planning.planner.PlanRequestStatus.PENDING"
            + " and (r.lockedUntil is null or r.lockedUntil < :now)")
    int claim(UUID id, Instant now, Instant until);

    /** Extends the lease of a request still pending. */
    @Modifying
    @Query("update PlanRequest r set r.lockedUntil = :until where r.id = :id"
            + " and r.status = dev.berrys.planning.planner.PlanRequestStatus.PENDING")
    int renew(UUID id, Instant until);

    /** Gives the lease up, so that recovery retries the request. */
    @Modifying
    @Query("update PlanRequest r set r.lockedUntil = null where r.id = :id")
    int release(UUID id);

    @Query("select r.id from PlanRequest r where r.status = dev.berrys.planning.planner.PlanRequestStatus.PENDING"
            + " and (r.lockedUntil is null or r.lockedUntil < :now) order by r.createdAt")
    List<UUID> findUnclaimed(Instant now);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from PlanRequest r where r.id = :id")
    Optional<PlanRequest> lock(UUID id);
}
