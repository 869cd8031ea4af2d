package dev.berrys.agent.client;

import dev.berrys.agent.AgentProperties;
import dev.berrys.contracts.api.BerrysHeaders;
import dev.berrys.contracts.api.ChatCompletionRequest;
import dev.berrys.contracts.api.ChatCompletionResponse;
import dev.berrys.starter.calls.OutagePolicy;
import dev.berrys.starter.calls.OutagePolicy.OutageOutlasted;
import dev.berrys.starter.calls.OutagePolicy.Waiting;
import dev.berrys.starter.security.ServiceClients;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls model-orchestration's OpenAI-compatible chat completions for a task. While model-orchestration
 * is unavailable (connection refused or lost, timeout, 408, 429, 502, 503, 504) the {@link OutagePolicy}
 * waits for it, for up to the outage tolerance, without using up an attempt of the task. Anything else
 * (402 budget exhausted, another 4xx, a 500, an answer without a choice) ends the call at once: it is a
 * failure of the work, which the task's attempts are for. The read timeout is longer than
 * model-orchestration's own budget for a call, so a call is never sent again while it is still being
 * worked on. One HTTP client, kept alive, serves every execution.
 */
@Component
public class ModelClient {
    /** The reason of a failure caused by the project's exhausted budget. */
    public static final String BUDGET_EXCEEDED = "BUDGET_EXCEEDED";

    static final String DEPENDENCY = "model-orchestration";

    private final RestClient http;
    private final JsonMapper json;
    private final OutagePolicy outages;

    ModelClient(ServiceClients clients, AgentProperties props, JsonMapper json, OutagePolicy outages) {
        this.http = clients.create(props.modelUrl(), outages.modelReadTimeout());
        this.json = json;
        this.outages = outages;
    }

    /** Who the call is for, sent as {@link BerrysHeaders}. */
    public record CallFor(UUID projectId, UUID taskId, UUID agentId) {}

    /** The answer, or why there is none. */
    public sealed interface Outcome {}

    public record Answer(ChatCompletionResponse response) implements Outcome {}

    /** No answer: {@code reason} is for the task's failure, {@code detail} for the step's error. */
    public record Refused(String reason, String detail, boolean retryable) implements Outcome {}

    /**
     * Asks the model, waiting through an outage of model-orchestration ({@code waitingSince}: a wait that
     * began before a restart). {@code idempotencyKey} names the call (one per execution and step): every try,
     * and the same step after a restart, sends it, so that model-orchestration answers a call it already
     * made from its record instead of making (and charging) it again. Throws {@link InterruptedException}
     * when the thread is interrupted (the execution was cancelled or the service stops).
     */
    public Outcome complete(
            ChatCompletionRequest request,
            CallFor callFor,
            String idempotencyKey,
            @Nullable Instant waitingSince,
            Waiting waiting)
            throws InterruptedException {
        @Nullable ChatCompletionResponse response; // an empty body reads as null
        try {
            response = outages.call(DEPENDENCY, waitingSince, waiting, () -> http.post()
                    .uri("/v1/chat/completions")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(BerrysHeaders.PROJECT_ID, callFor.projectId().toString())
                    .header(BerrysHeaders.TASK_ID, callFor.taskId().toString())
                    .header(BerrysHeaders.AGENT_ID, callFor.agentId().toString())
                    .header(BerrysHeaders.PURPOSE, BerrysHeaders.PURPOSE_TASK)
                    .header(BerrysHeaders.IDEMPOTENCY_KEY, idempotencyKey)
                    .body(request)
                    .retrieve()
                    .body(ChatCompletionResponse.class));
        } catch (OutageOutlasted e) {
            return new Refused(e.getMessage(), e.getMessage(), true);
        } catch (RestClientResponseException e) {
            int status = e.getStatusCode().value();
            String detail = problemDetail(e);
            if (status == 402) {
                return new Refused(BUDGET_EXCEEDED, "budget exceeded: " + detail, false);
            }
            return new Refused("model call refused (" + status + "): " + detail, detail, status >= 500);
        } catch (RestClientException e) {
            throwIfInterrupted();
            String detail = "model answer unreadable: " + rootMessage(e);
            return new Refused(detail, detail, true);
        }
        if (response == null || response.choices() == null || response.choices().isEmpty()) {
            return new Refused("the model answered without a choice", "the model answered without a choice", true);
        }
        return new Answer(response);
    }

    private String problemDetail(RestClientResponseException e) {
        String body = e.getResponseBodyAsString();
        try {
            JsonNode problem = json.readTree(body);
            if (problem.hasNonNull("detail")) {
                return problem.get("detail").asString();
            }
            if (problem.path("error").hasNonNull("message")) {
                return problem.path("error").get("message").asString();
            }
        } catch (RuntimeException notJson) {
            // fall through to the status text
        }
        return e.getStatusText().isBlank() ? "HTTP " + e.getStatusCode().value() : e.getStatusText();
    }

    static void throwIfInterrupted() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("execution interrupted");
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        @Nullable String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
