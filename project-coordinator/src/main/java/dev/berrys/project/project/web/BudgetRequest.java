package dev.berrys.project.project.web;

import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** Body of {@code PATCH /api/projects/{id}/budget}: a limit left out (or null) stays as it is. */
record BudgetRequest(
        @PositiveOrZero @Nullable BigDecimal budgetUsd,
        @PositiveOrZero @Nullable Long budgetTokens) {}
