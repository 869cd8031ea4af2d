package dev.berrys.model.chat;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chat completion to run: the parsed request, the caller's JSON as received (forwarded to
 * OpenAI-compatible upstreams with only the model replaced), and the purpose header.
 */
public record ChatCall(
        ChatRequest request, ObjectNode raw, @Nullable String purpose) {}
