package dev.berrys.project.project.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** Body of {@code POST /api/projects}. */
record NewProjectRequest(
        @NotBlank @Size(max = 200) @Nullable String name,
        @NotBlank @Size(max = 10_000) @Nullable String goal,
        @PositiveOrZero @Nullable BigDecimal budgetUsd,
        @PositiveOrZero @Nullable Long budgetTokens,
        @Nullable Boolean requirePlanApproval) {}
