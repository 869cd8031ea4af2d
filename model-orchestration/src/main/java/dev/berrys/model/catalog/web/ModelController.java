package dev.berrys.model.catalog.web;

import dev.berrys.model.catalog.ModelService;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.PageRequests;
import dev.berrys.starter.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/models}: the model catalog; {@code /v1} addresses a model by its {@code name}. */
@RestController
@RequestMapping("/api/models")
class ModelController {
    private final ModelService models;

    ModelController(ModelService models) {
        this.models = models;
    }

    record ModelRequest(
            @NotNull UUID providerId,

            @NotBlank
            @Size(max = 100)
            @Pattern(regexp = "[A-Za-z0-9._:/-]+", message = "may hold letters, digits and . _ : / -")
            String name,

            @Nullable @Size(max = 200) String upstreamName,
            @Nullable @Min(1) @Max(10_000_000) Integer contextWindow,
            @Nullable @Size(max = 6) List<String> capabilities,
            @Nullable @DecimalMin("0") BigDecimal inputPricePerMillion,
            @Nullable @DecimalMin("0") BigDecimal outputPricePerMillion,
            @Nullable Boolean enabled) {

        ModelService.Command command() {
            return new ModelService.Command(
                    providerId,
                    name.strip(),
                    upstreamName,
                    contextWindow,
                    capabilities,
                    inputPricePerMillion,
                    outputPricePerMillion,
                    enabled);
        }
    }

    @GetMapping
    PageResponse<ModelService.View> list(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return PageResponse.of(models.list(Tenants.require(), PageRequests.of(page, size, Sort.by("name"))), v -> v);
    }

    @GetMapping("/{id}")
    ModelService.View get(@PathVariable UUID id) {
        return models.get(Tenants.require(), id);
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<ModelService.View> create(@Valid @RequestBody ModelRequest request) {
        var created = models.create(Tenants.require(), request.command());
        return ResponseEntity.created(URI.create("/api/models/" + created.id())).body(created);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    ModelService.View update(@PathVariable UUID id, @Valid @RequestBody ModelRequest request) {
        return models.update(Tenants.require(), id, request.command());
    }
}
