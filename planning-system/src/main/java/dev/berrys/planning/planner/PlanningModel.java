package dev.berrys.planning.planner;

import dev.berrys.contracts.api.BerrysHeaders;
import dev.berrys.contracts.api.ChatCompletionRequest;
import dev.berrys.contracts.api.ChatCompletionRequest.ResponseFormat;
import dev.berrys.contracts.api.ChatCompletionResponse;
import dev.berrys.contracts.api.ChatMessage;
import dev.berrys.contracts.api.PlanProposal;
import dev.berrys.starter.calls.OutagePolicy;
import dev.berrys.starter.calls.OutagePolicy.OutageOutlasted;
import dev.berrys.starter.calls.OutagePolicy.Waiting;
import dev.berrys.starter.security.ServiceClients;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks model-orchestration for a plan ({@code POST /v1/chat/completions}, purpose {@code plan}, the
 * {@code berrys_plan} JSON schema). While model-orchestration is unavailable (connection refused or lost,
 * timeout, 408, 429, 502, 503, 504) the {@link OutagePolicy} waits for it, up to the outage tolerance; a
 * 500 (a model's failed answer, {@code model-call-failed}) is tried again, up to {@link #ANSWER_TRIES} tries
 * under the same key (model-orchestration let it go); a 4xx (budget exceeded, no such model) is final. The read timeout is longer than
 * model-orchestration's own budget for a call, so a call is never sent again while it is being worked on.
 */
@Component
class PlanningModel {
    private static final Logger log = LoggerFactory.getLogger(PlanningModel.class);

    private final RestClient client;
    private final OutagePolicy outages;
    private static final String DEPENDENCY = "model-orchestration";
    /** Tries of a call whose answer failed (500), as many as a task gets attempts by default. */
    static final int ANSWER_TRIES = 4;

    private final JsonMapper json;

    PlanningModel(ServiceClients clients, PlanningProperties props, JsonMapper json, OutagePolicy outages) {
        this.client = clients.create(props.modelUrl(), outages.modelReadTimeout());
        this.json = json;
        this.outages = outages;
    }

    /** Why planning could not get an answer at all. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }

        /** The message it was made with, never null (NullAway takes {@link Throwable#getMessage()} as nullable). */
        @Override
        public String getMessage() {
            return Objects.requireNonNull(super.getMessage());
        }
    }

    /**
     * The content of the model's answer. {@code beforeEachCall} runs before every attempt (the caller
     * renews its lease there). Every attempt sends {@code idempotencyKey}, so that model-orchestration answers
     * a call it already made (the answer was lost, or the worker died and the request is taken over) from its
     * record instead of making and charging it again. Runs for the current tenant ({@code Tenants.runAs}).
     */
    @Nullable
    String complete(UUID projectId, String idempotencyKey, List<ChatMessage> messages, Runnable beforeEachCall) {
        var request = new ChatCompletionRequest(
                "auto",
                messages,
                null,
                ResponseFormat.jsonSchema(PlanProposal.SCHEMA_NAME, PlanProposal.SCHEMA),
                false,
                null,
                null);
        ChatCompletionResponse response;
        for (int tried = 1; ; tried++) {
            try {
                response = call(projectId, idempotencyKey, request, beforeEachCall);
                break;
            } catch (Unavailable e) {
                if (!(e.getCause() instanceof HttpServerErrorException failed)
                        || failed.getStatusCode().value() != 500
                        || tried >= ANSWER_TRIES) {
                    throw e;
                }
                log.info(
                        "planning call for project {} failed ({}), try {} of {}",
                        projectId,
                        e.getMessage(),
                        tried + 1,
                        ANSWER_TRIES);
            }
        }
        if (response == null || response.choices() == null || response.choices().isEmpty()) {
            return null;
        }
        return response.firstMessage().content();
    }

    private @Nullable ChatCompletionResponse call(
            UUID projectId, String idempotencyKey, ChatCompletionRequest request, Runnable beforeEachCall) {
        try {
            return outages.call(DEPENDENCY, Waiting.NONE, () -> {
                beforeEachCall.run();
                return client.post()
                        .uri("/v1/chat/completions")
                        .header(BerrysHeaders.PURPOSE, BerrysHeaders.PURPOSE_PLAN)
                        .header(BerrysHeaders.PROJECT_ID, projectId.toString())
                        .header(BerrysHeaders.IDEMPOTENCY_KEY, idempotencyKey)
                        .body(request)
                        .retrieve()
                        .body(ChatCompletionResponse.class);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("planning was interrupted");
        } catch (OutageOutlasted e) {
            log.warn("planning call for project {} gave up: {}", projectId, e.getMessage());
            throw new Unavailable("The planning model could not be reached: " + e.getMessage());
        } catch (HttpClientErrorException e) {
            throw new Unavailable("model-orchestration refused the planning call: " + describe(e));
        } catch (HttpServerErrorException e) {
            throw new Unavailable("model-orchestration failed the planning call: " + describe(e), e);
        } catch (RestClientException e) {
            throw new Unavailable("model-orchestration gave an unreadable answer: " + e.getMessage());
        }
    }

    private String describe(RestClientException e) {
        if (e instanceof org.springframework.web.client.HttpStatusCodeException status) {
            String detail = problemDetail(status.getResponseBodyAsString());
            return status.getStatusCode().value() + (detail == null ? "" : " (" + detail + ")");
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private @Nullable String problemDetail(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node.hasNonNull("detail") ? node.get("detail").asString() : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
