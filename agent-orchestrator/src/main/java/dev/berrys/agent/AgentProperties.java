package dev.berrys.agent;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the agent loop.
 *
 * @param modelUrl model-orchestration ({@code POST /v1/chat/completions})
 * @param toolUrl tool-integration ({@code GET /api/tools}, {@code POST /api/tools/{name}/execute})
 * @param modelTimeout how long one model call may take
 * @param toolTimeout how long one tool execution may take
 * @param maxConcurrentExecutions executions running at once in this replica (the others wait their turn)
 * @param modelRetries retries of a model call that failed with a 5xx, 429 or a timeout
 * @param retryBackoff the first retry's delay, doubled for each further one
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
        @DefaultValue("120s") Duration modelTimeout,
        @DefaultValue("60s") Duration toolTimeout,
        @DefaultValue("500") @Min(1) int maxConcurrentExecutions,
        @DefaultValue("3") @Min(0) int modelRetries,
        @DefaultValue("500ms") Duration retryBackoff,
        @DefaultValue("60s") Duration toolCacheTtl,
        @DefaultValue("10") @Min(0) int memoryNotes,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("10s") Duration recoveryInterval) {}
