package dev.berrys.project.approval.web;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Body of approve (comment optional) and reject (comment required, not blank). */
record DecisionRequest(@Size(max = 10_000) @Nullable String comment) {}
