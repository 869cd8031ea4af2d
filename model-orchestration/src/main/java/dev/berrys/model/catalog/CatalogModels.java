package dev.berrys.model.catalog;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface CatalogModels extends JpaRepository<CatalogModel, UUID> {
    Optional<CatalogModel> findByIdAndTenant(UUID id, String tenant);

    Optional<CatalogModel> findByTenantAndName(String tenant, String name);

    Page<CatalogModel> findByTenant(String tenant, Pageable page);

    List<CatalogModel> findByTenant(String tenant);

    boolean existsByTenantAndName(String tenant, String name);
}
