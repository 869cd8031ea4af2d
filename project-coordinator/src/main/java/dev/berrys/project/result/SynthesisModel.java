package dev.berrys.project.result;

import dev.berrys.contracts.api.BerrysHeaders;
import dev.berrys.contracts.api.ChatCompletionRequest;
import dev.berrys.contracts.api.ChatCompletionResponse;
import dev.berrys.contracts.api.ChatMessage;
import dev.berrys.project.CoordinatorProperties;
import dev.berrys.starter.security.ServiceClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The synthesis call to model-orchestration ({@code POST /v1/chat/completions}, purpose
 * {@code synthesis}), retried with exponential backoff on a 5xx, a 429 or a connection failure.
 */
@Component
class SynthesisModel {
    private static final Logger log = LoggerFactory.getLogger(SynthesisModel.class);
    static final String SYSTEM_PROMPT = """
            You write the final result of a project that a team of agents worked on. You are given the \
            project's goal and the output of every task of its plan. Combine them into one coherent answer \
            to the goal: draw on every task output, name a task by its title where you use its work, keep \
            the facts and figures the tasks found, and do not invent results that no task produced. Start \
            with a short summary, then give the details.""";

    private final RestClient http;
    private final CoordinatorProperties.Synthesis settings;

    SynthesisModel(ServiceClients clients, CoordinatorProperties props) {
        this.settings = props.synthesis();
        this.http = clients.create(props.modelUrl(), settings.timeout());
    }

    sealed interface Outcome {
        record Done(String summary, String model, boolean simulated) implements Outcome {}

        /** model-orchestration refused the call for the project's budget (402). */
        record Refused(String reason) implements Outcome {}

        record Failed(String reason) implements Outcome {}
    }

    record TaskResult(String title, String role, String output) {}

    /** Calls the model; {@code beforeAttempt} runs before every attempt (the caller renews its lease). */
    Outcome synthesise(UUID projectId, String goal, List<TaskResult> tasks, Runnable beforeAttempt) {
        var request = new ChatCompletionRequest(settings.model(), messages(goal, tasks), null, null, false, null, null);
        for (int attempt = 0; ; attempt++) {
            beforeAttempt.run();
            String failure;
            try {
                return answer(call(projectId, request));
            } catch (HttpClientErrorException e) {
                if (e.getStatusCode().value() == 402) {
                    return new Outcome.Refused("model-orchestration refused the synthesis: the budget is spent");
                }
                if (e.getStatusCode().value() != 429) {
                    return new Outcome.Failed(
                            "model-orchestration answered " + e.getStatusCode().value());
                }
                failure = "429";
            } catch (HttpServerErrorException e) {
                failure = Integer.toString(e.getStatusCode().value());
            } catch (ResourceAccessException e) {
                failure = "no connection (" + e.getClass().getSimpleName() + ")";
            }
            if (attempt >= settings.maxRetries()) {
                return new Outcome.Failed("model-orchestration failed " + (attempt + 1) + " times, last: " + failure);
            }
            Duration delay = backoff(attempt);
            log.info(
                    "synthesis of project {} failed ({}), retry {} of {} in {} ms",
                    projectId,
                    failure,
                    attempt + 1,
                    settings.maxRetries(),
                    delay.toMillis());
            sleep(delay);
        }
    }

    private ResponseEntity<ChatCompletionResponse> call(UUID projectId, ChatCompletionRequest request) {
        return http.post()
                .uri("/v1/chat/completions")
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

    private Duration backoff(int attempt) {
        long base = settings.backoff().toMillis() << Math.min(attempt, 10);
        long capped = Math.min(base, 30_000);
        return Duration.ofMillis(capped + ThreadLocalRandom.current().nextLong(capped / 5 + 1));
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry the synthesis", e);
        }
    }
}
