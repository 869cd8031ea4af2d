package dev.berrys.agent.client;

import dev.berrys.agent.AgentProperties;
import dev.berrys.contracts.api.BerrysHeaders;
import dev.berrys.contracts.api.ChatCompletionRequest;
import dev.berrys.contracts.api.ChatCompletionResponse;
import dev.berrys.starter.security.ServiceClients;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls model-orchestration's OpenAI-compatible chat completions for a task. A 5xx, 429 or a timeout is
 * retried with a doubling backoff; a 402 (budget exhausted) and other 4xx are not. One HTTP client,
 * kept alive, serves every execution.
 */
@Component
public class ModelClient {
    private static final Logger log = LoggerFactory.getLogger(ModelClient.class);

    /** The reason of a failure caused by the project's exhausted budget. */
    public static final String BUDGET_EXCEEDED = "BUDGET_EXCEEDED";

    private final RestClient http;
    private final JsonMapper json;
    private final int retries;
    private final Duration backoff;

    ModelClient(ServiceClients clients, AgentProperties props, JsonMapper json) {
        this.http = clients.create(props.modelUrl(), props.modelTimeout());
        this.json = json;
        this.retries = props.modelRetries();
        this.backoff = props.retryBackoff();
    }

    /** Who the call is for, sent as {@link BerrysHeaders}. */
    public record CallFor(UUID projectId, UUID taskId, UUID agentId) {}

    /** The answer, or why there is none. */
    public sealed interface Outcome {}

    public record Answer(ChatCompletionResponse response, int retries) implements Outcome {}

    /** No answer: {@code reason} is for the task's failure, {@code detail} for the step's error. */
    public record Refused(String reason, String detail, boolean retryable, int retries) implements Outcome {}

    /**
     * Asks the model; retries transient failures. Throws {@link InterruptedException} when the thread is
     * interrupted (the execution was cancelled or the service stops).
     */
    public Outcome complete(ChatCompletionRequest request, CallFor callFor) throws InterruptedException {
        int attempt = 0;
        while (true) {
            String transientError;
            try {
                ChatCompletionResponse response = http.post()
                        .uri("/v1/chat/completions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(BerrysHeaders.PROJECT_ID, callFor.projectId().toString())
                        .header(BerrysHeaders.TASK_ID, callFor.taskId().toString())
                        .header(BerrysHeaders.AGENT_ID, callFor.agentId().toString())
                        .header(BerrysHeaders.PURPOSE, BerrysHeaders.PURPOSE_TASK)
                        .body(request)
                        .retrieve()
                        .body(ChatCompletionResponse.class);
                if (response == null
                        || response.choices() == null
                        || response.choices().isEmpty()) {
                    transientError = "the model answered without a choice";
                } else {
                    return new Answer(response, attempt);
                }
            } catch (RestClientResponseException e) {
                int status = e.getStatusCode().value();
                String detail = problemDetail(e);
                if (status == 402) {
                    return new Refused(BUDGET_EXCEEDED, "budget exceeded: " + detail, false, attempt);
                }
                if (status < 500 && status != 429 && status != 408) {
                    return new Refused("model call refused (" + status + "): " + detail, detail, false, attempt);
                }
                transientError = "model call failed (" + status + "): " + detail;
            } catch (ResourceAccessException e) {
                throwIfInterrupted();
                transientError = "model call failed: " + rootMessage(e);
            } catch (RestClientException e) {
                transientError = "model answer unreadable: " + rootMessage(e);
            }
            throwIfInterrupted();
            if (attempt >= retries) {
                return new Refused(
                        "model unavailable after " + (attempt + 1) + " attempts: " + transientError,
                        transientError,
                        true,
                        attempt);
            }
            long delay = backoff.toMillis() << attempt;
            log.debug("model call for task {} failed, retry in {} ms: {}", callFor.taskId(), delay, transientError);
            Thread.sleep(delay);
            attempt++;
        }
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
