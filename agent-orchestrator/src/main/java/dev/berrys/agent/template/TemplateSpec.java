package dev.berrys.agent.template;

import java.util.List;
import java.util.UUID;

/**
 * What an agent made from a template works with.
 *
 * @param tools names of the tool-integration tools the agent may call
 * @param model a model name, or {@code auto} to let model-orchestration choose
 * @param maxSteps model calls an execution may make before it fails with "step limit reached"
 */
public record TemplateSpec(
        UUID id,
        String name,
        String role,
        String description,
        String systemPrompt,
        List<String> tools,
        String model,
        int maxSteps) {}
