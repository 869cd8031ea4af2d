package dev.berrys.project.result;

import dev.berrys.contracts.api.BerrysHeaders;
import dev.berrys.contracts.api.ChatCompletionRequest;
import dev.berrys.contracts.api.ChatCompletionResponse;
import dev.berrys.contracts.api.ChatMessage;
import dev.berrys.project.CoordinatorProperties;
import dev.berrys.starter.calls.OutagePolicy;
import dev.berrys.starter.calls.OutagePolicy.OutageOutlasted;
import dev.berrys.starter.calls.OutagePolicy.Waiting;
import dev.berrys.starter.security.ServiceClients;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The synthesis call to model-orchestration ({@code POST /v1/chat/completions}, purpose
 * {@code synthesis}). An outage (no connection, a timeout, 429, 502, 503, 504) is waited out under the
 * shared {@link OutagePolicy} and costs no attempt; a failed answer (500, e.g. {@code model-call-failed})
 * is tried again up to {@code BERRYS_SYNTHESIS_MAX_RETRIES} times. Every try carries the same
 * {@code Idempotency-Key}, so a call whose answer was lost (or made by a replica that died) is answered
 * from model-orchestration's record, not made and charged again.
 */
@Component
class SynthesisModel {
    private static final Logger log = LoggerFactory.getLogger(SynthesisModel.class);
    private static final String DEPENDENCY = "model-orchestration";
    static final String SYSTEM_PROMPT = """
            You write the final result of a project that a team of agents worked on. You are given the \
            project's goal and the output of every task of its plan. Combine them into one coherent answer \
            to the goal: draw on every task output, name a task by its title where you use its work, keep \
            the facts and figures the tasks found, and do not invent results that no task produced. Start \
            with a short summary, then give the details.""";

    private final RestClient http;
    private final CoordinatorProperties.Synthesis settings;
    private final OutagePolicy outages;

    SynthesisModel(ServiceClients clients, CoordinatorProperties props, OutagePolicy outages) {
        this.settings = props.synthesis();
        this.outages = outages;
        this.http = clients.create(props.modelUrl(), outages.modelReadTimeout());
    }

    sealed interface Outcome {
        record Done(String summary, String model, boolean simulated) implements Outcome {}

        /** model-orchestration refused the call for the project's budget (402). */
        record Refused(String reason) implements Outcome {}

        record Failed(String reason) implements Outcome {}
    }

    record TaskResult(String title, String role, String output) {}

    /** The key of a project's synthesis of one plan: the same on every try, after a restart and on another replica. */
    static String idempotencyKey(UUID projectId, @Nullable UUID planId) {
        return "synthesis:project:" + projectId + ":plan:" + planId;
    }

    /** Calls the model; {@code beforeAttempt} runs before every try (the caller renews its lease). */
    Outcome synthesise(
            UUID projectId, @Nullable UUID planId, String goal, List<TaskResult> tasks, Runnable beforeAttempt) {
        var request = new ChatCompletionRequest(settings.model(), messages(goal, tasks), null, null, false, null, null);
        String key = idempotencyKey(projectId, planId);
        for (int attempt = 0; ; attempt++) {
            String failure;
            try {
                return answer(outages.call(DEPENDENCY, Waiting.NONE, () -> {
                    beforeAttempt.run();
                    return call(projectId, key, request);
                }));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while calling " + DEPENDENCY, e);
            } catch (OutageOutlasted e) {
                return new Outcome.Failed(e.getMessage());
            } catch (HttpClientErrorException e) {
                if (e.getStatusCode().value() == 402) {
                    return new Outcome.Refused("model-orchestration refused the synthesis: the budget is spent");
                }
                return new Outcome.Failed(
                        "model-orchestration answered " + e.getStatusCode().value());
            } catch (HttpServerErrorException e) {
                failure = Integer.toString(e.getStatusCode().value());
            } catch (RestClientException e) {
                failure = "an unreadable answer (" + e.getClass().getSimpleName() + ")";
            }
            if (attempt >= settings.maxRetries()) {
                return new Outcome.Failed("model-orchestration failed " + (attempt + 1) + " times, last: " + failure);
            }
            log.info(
                    "synthesis of project {} failed ({}), try {} of {}",
                    projectId,
                    failure,
                    attempt + 2,
                    settings.maxRetries() + 1);
        }
    }

    private ResponseEntity<ChatCompletionResponse> call(UUID projectId, String key, ChatCompletionRequest request) {
        return http.post()
                .uri("/v1/chat/completions")
                .header(BerrysHeaders.IDEMPOTENCY_KEY, key)
                .header(BerrysHeaders.PROJECT_ID, projectId.toString())
                .header(BerrysHeaders.PURPOSE, BerrysHeaders.PURPOSE_SYNTHESIS)
                .contentType(MediaType.APPLICATION_JSON)
                .body(request)
                .retrieve()
                .toEntity(ChatCompletionResponse.class);
    }

    private static Outcome answer(ResponseEntity<ChatCompletionResponse> response) {
        ChatCompletionResponse body = response.getBody();
        if (body == null || body.choices() == null || body.choices().isEmpty()) {
            return new Outcome.Failed("model-orchestration answered without a choice");
        }
        String content = body.firstMessage().content();
        if (content == null || content.isBlank()) {
            return new Outcome.Failed("model-orchestration answered with an empty message");
        }
        String model = body.model() == null ? "unknown" : body.model();
        boolean simulated = "true".equalsIgnoreCase(response.getHeaders().getFirst(BerrysHeaders.SIMULATED))
                || model.toLowerCase().contains("simulated");
        return new Outcome.Done(content, model, simulated);
    }

    List<ChatMessage> messages(String goal, List<TaskResult> tasks) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(SYSTEM_PROMPT));
        messages.add(ChatMessage.user("Goal: " + goal));
        for (TaskResult task : tasks) {
            messages.add(ChatMessage.user(
                    "Task \"" + task.title() + "\" (role: " + task.role() + ") produced:\n" + cut(task.output())));
        }
        return messages;
    }

    private String cut(String output) {
        int max = settings.maxOutputChars();
        return output.length() <= max
                ? output
                : output.substring(0, max) + "\n[... cut: " + output.length() + " characters in all]";
    }
}
