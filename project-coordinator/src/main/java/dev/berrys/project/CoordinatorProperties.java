package dev.berrys.project;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of project-coordinator ({@code berrys.project.*}).
 *
 * @param modelUrl model-orchestration's base URL ({@code BERRYS_MODEL_URL})
 * @param synthesis the result synthesis call
 * @param live the Server-Sent Events of a project
 */
@Validated
@ConfigurationProperties("berrys.project")
public record CoordinatorProperties(
        @NotBlank @DefaultValue("http://127.0.0.1:8084") String modelUrl,
        @Valid @NotNull @DefaultValue Synthesis synthesis,
        @Valid @NotNull @DefaultValue Live live) {

    /**
     * @param model the model name asked for, {@code auto} lets model-orchestration route
     * @param maxRetries retries of a failed answer (500) before the project fails; an outage is waited out
     *     under the shared outage policy instead, and costs none
     * @param maxOutputChars a task output longer than this is cut in the prompt (the artifact keeps it whole)
     * @param sweepInterval how often syntheses left unfinished (a crash, a lost lease) are picked up
     */
    public record Synthesis(
            @NotBlank @DefaultValue("auto") String model,
            @Min(0) @DefaultValue("3") int maxRetries,
            @Min(100) @DefaultValue("8000") int maxOutputChars,
            @NotNull @DefaultValue("60s") Duration sweepInterval) {}

    /**
     * @param keepalive interval of the {@code : keepalive} comment
     * @param timeout how long one SSE connection may stay open
     * @param queueSize events buffered for a slow client before it is disconnected
     * @param streams the streams whose events are relayed
     * @param maxPerUser streams one user (token subject) may hold open at once; past it a 429
     * @param maxPerTenant streams a tenant's users may hold open at once; past it a 429
     */
    public record Live(
            @NotNull @DefaultValue("15s") Duration keepalive,
            @NotNull @DefaultValue("1h") Duration timeout,
            @Min(10) @DefaultValue("1000") int queueSize,

            @NotEmpty
            @DefaultValue({
                "berrys.project",
                "berrys.planning",
                "berrys.agent",
                "berrys.model",
                "berrys.tool",
                "berrys.workflow"
            })
            List<String> streams,

            @Min(1) @DefaultValue("10") int maxPerUser,
            @Min(1) @DefaultValue("200") int maxPerTenant) {}
}
