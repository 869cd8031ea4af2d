package dev.berrys.planning.plan.web;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Body of {@code retry} (optional) and {@code skip} (its reason required). */
record ReasonRequest(@Size(max = 1_000) @Nullable String reason) {}
