package dev.berrys.model.catalog.web;

import dev.berrys.model.catalog.ProviderService;
import dev.berrys.model.catalog.ProviderSettings;
import dev.berrys.model.catalog.ProviderType;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.PageRequests;
import dev.berrys.starter.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/providers}: model providers; {@code apiKey} is accepted on write and never shown. */
@RestController
@RequestMapping("/api/providers")
class ProviderController {
    private final ProviderService providers;

    ProviderController(ProviderService providers) {
        this.providers = providers;
    }

    record ProviderRequest(
            @NotBlank
            @Size(max = 100)
            @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may hold letters, digits, '.', '_' and '-'")
            String name,

            @NotNull ProviderType type,
            @Nullable @Size(max = 2000) String baseUrl,
            @Nullable @Size(max = 4000) String apiKey,
            @Nullable Boolean enabled,
            @Nullable @Valid ProviderSettings settings) {

        ProviderService.Command command() {
            return new ProviderService.Command(name.strip(), type, baseUrl, apiKey, enabled, settings);
        }

        /** Never prints the key. */
        @Override
        public String toString() {
            return "ProviderRequest[" + name + ", " + type + ", " + baseUrl + "]";
        }
    }

    @GetMapping
    PageResponse<ProviderService.View> list(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return PageResponse.of(providers.list(Tenants.require(), PageRequests.of(page, size, Sort.by("name"))), v -> v);
    }

    @GetMapping("/{id}")
    ProviderService.View get(@PathVariable UUID id) {
        return providers.get(Tenants.require(), id);
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<ProviderService.View> create(@Valid @RequestBody ProviderRequest request) {
        var created = providers.create(Tenants.require(), request.command());
        return ResponseEntity.created(URI.create("/api/providers/" + created.id()))
                .body(created);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    ProviderService.View update(@PathVariable UUID id, @Valid @RequestBody ProviderRequest request) {
        return providers.update(Tenants.require(), id, request.command());
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        providers.delete(Tenants.require(), id);
        return ResponseEntity.noContent().build();
    }
}
