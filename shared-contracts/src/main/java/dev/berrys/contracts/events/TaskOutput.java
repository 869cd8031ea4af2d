package dev.berrys.contracts.events;

import java.util.UUID;

/** What a completed task produced, handed to its dependants and to the result synthesis. */
public record TaskOutput(UUID taskId, String title, String role, String output) {}
