package dev.berrys.model.catalog;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface Providers extends JpaRepository<Provider, UUID> {
    Optional<Provider> findByIdAndTenant(UUID id, String tenant);

    Optional<Provider> findByTenantAndName(String tenant, String name);

    Page<Provider> findByTenant(String tenant, Pageable page);

    List<Provider> findByTenant(String tenant);

    boolean existsByTenantAndType(String tenant, ProviderType type);
}
