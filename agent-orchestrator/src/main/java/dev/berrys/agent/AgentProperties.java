package dev.berrys.agent;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the agent loop. How long a model call may take and how an unavailable dependency is waited
 * for is the starter's {@code OutagePolicy} ({@code berrys.outage.*}), shared with the other callers.
 *
 * @param modelUrl model-orchestration ({@code POST /v1/chat/completions})
 * @param toolUrl tool-integration ({@code GET /api/tools}, {@code POST /api/tools/{name}/execute})
 * @param toolTimeout how long one tool execution may take
 * @param maxConcurrentExecutions executions running at once in this replica (the others wait their turn)
 * @param toolCacheTtl how long the tool definitions of tool-integration are reused
 * @param memoryNotes how many project memory notes a task gets in its prompt
 * @param lease how long a replica owns an execution without renewing it (after that, recovery takes it over)
 * @param recoveryInterval how often unfinished executions whose lease ran out are looked for
 */
@Validated
@ConfigurationProperties("berrys.agent")
public record AgentProperties(
        @NotBlank String modelUrl,
        @NotBlank String toolUrl,
        @DefaultValue("60s") Duration toolTimeout,
        @DefaultValue("500") @Min(1) int maxConcurrentExecutions,
        @DefaultValue("60s") Duration toolCacheTtl,
        @DefaultValue("10") @Min(0) int memoryNotes,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("10s") Duration recoveryInterval) {}
