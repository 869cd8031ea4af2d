package dev.berrys.project.project.web;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Optional body of {@code pause} and {@code cancel}. */
record ReasonRequest(@Size(max = 1_000) @Nullable String reason) {}
