package dev.berrys.model.chat.web;

import dev.berrys.contracts.api.BerrysHeaders;
import dev.berrys.model.chat.CallHeaders;
import dev.berrys.model.chat.ChatCall;
import dev.berrys.model.chat.ChatRequest;
import dev.berrys.model.chat.ChatService;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.IdempotencyKeys;
import dev.berrys.starter.web.ProblemException;
import dev.berrys.starter.web.ProblemHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's {@code POST /v1/chat/completions}: plain JSON or, with {@code stream: true}, Server-Sent
 * Events ending with {@code data: [DONE]}. Answers from the simulated provider carry
 * {@code X-Berrys-Simulated: true}; every answer names the model in {@code X-Berrys-Model} and its
 * accounting record in {@code X-Berrys-Call-Id}. A call with an {@code Idempotency-Key}, plain or streamed,
 * is made once per key and tenant: a repeated key is answered with the first answer, byte for byte (a
 * streamed one as the events it sent), see {@link ChatCallKeys}.
 */
@RestController
class ChatCompletionsController {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ChatCompletionsController.class);
    static final String MODEL_HEADER = "X-Berrys-Model";
    static final String CALL_HEADER = "X-Berrys-Call-Id";
    private final ChatService chats;
    private final ChatCallKeys keys;
    private final JsonMapper json;

    ChatCompletionsController(ChatService chats, ChatCallKeys keys, JsonMapper json) {
        this.chats = chats;
        this.keys = keys;
        this.json = json;
    }

    /**
     * A 503 (no model could be reached) asks the caller to wait {@code Retry-After} seconds, as every outage
     * answer of the platform does: the caller's outage policy waits and sends the call again.
     */
    @PostMapping(path = "/v1/chat/completions")
    void complete(@RequestBody JsonNode body, HttpServletRequest http, HttpServletResponse response)
            throws IOException {
        try {
            answer(body, http, response);
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.SERVICE_UNAVAILABLE && !response.isCommitted()) {
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(ProblemHandler.RETRY_AFTER_SECONDS));
            }
            throw e;
        }
    }

    private void answer(JsonNode body, HttpServletRequest http, HttpServletResponse response) throws IOException {
        if (!(body instanceof ObjectNode raw)) {
            throw new ProblemException.BadRequest("body", "The body must be a JSON object.");
        }
        ChatRequest request = parse(raw);
        CallHeaders headers = headers(http);
        String key = IdempotencyKeys.validated(http.getHeader(IdempotencyKeys.HEADER));
        UUID callId = UUID.randomUUID();
        ChatCall call = new ChatCall(request, raw, headers.purpose());
        @Nullable Key owned = null;
        if (key != null) {
            String tenant = Tenants.require();
            switch (keys.claim(tenant, key, callId)) {
                case ChatCallKeys.Answered a -> {
                    if (a.streamed() != request.streaming()) {
                        throw new ProblemException(
                                HttpStatus.UNPROCESSABLE_CONTENT,
                                "idempotency-key-reused",
                                "This " + IdempotencyKeys.HEADER + " was used for a "
                                        + (a.streamed() ? "streamed" : "plain") + " call.",
                                Map.of("field", IdempotencyKeys.HEADER));
                    }
                    if (a.streamed()) {
                        replayStream(response, a);
                    } else {
                        write(response, a.callId(), a.model(), a.simulated(), a.body());
                    }
                    return;
                }
                case ChatCallKeys.Owned _ -> owned = new Key(tenant, key);
            }
        }
        if (request.streaming()) {
            completeStreamed(callId, call, request, headers, response, owned);
        } else {
            completePlain(callId, call, headers, response, owned);
        }
    }

    private record Key(String tenant, String key) {}

    /**
     * A streamed call. Under a key the events are kept as they are sent and stored before the last ones go
     * out (the usage chunk, {@code data: [DONE]}), so that a caller whose stream broke after that gets the
     * same stream again and no second charge; a call that did not get that far lets the key go.
     */
    private void completeStreamed(
            UUID callId,
            ChatCall call,
            ChatRequest request,
            CallHeaders headers,
            HttpServletResponse response,
            @Nullable Key key)
            throws IOException {
        String id = "chatcmpl-" + callId.toString().replace("-", "");
        long created = Instant.now().getEpochSecond();
        response.setHeader(CALL_HEADER, callId.toString());
        var sse = new SseWriter(response, json, id, created, request.includeUsageInStream(), key != null);
        ChatService.Completed done;
        try {
            done = chats.complete(callId, call, headers, sse);
        } catch (ProblemException e) {
            release(key, callId);
            if (!sse.started()) {
                throw e;
            }
            sse.fail(e.getMessage(), e.status().value());
            return;
        } catch (RuntimeException e) {
            release(key, callId);
            throw e;
        }
        try {
            sse.finish(
                    done.result().inputTokens(),
                    done.result().outputTokens(),
                    key == null ? null : events -> keep(key, callId, done, true, events));
            response.getOutputStream().close();
        } finally {
            account(done);
        }
    }

    private void release(@Nullable Key key, UUID callId) {
        if (key != null) {
            keys.release(key.tenant(), key.key(), callId);
        }
    }

    /** Stores the answer under its key; the caller still gets it when that fails. */
    private void keep(Key key, UUID callId, ChatService.Completed done, boolean streamed, String body) {
        try {
            keys.answer(
                    key.tenant(),
                    key.key(),
                    callId,
                    done.route().name(),
                    done.route().provider().simulated(),
                    streamed,
                    body);
        } catch (RuntimeException e) {
            // a retry of the key waits out the claim, then runs again
            log.warn("answer of model call {} could not be kept for its idempotency key: {}", callId, e.toString());
        }
    }

    private static void replayStream(HttpServletResponse response, ChatCallKeys.Answered a) throws IOException {
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader(CALL_HEADER, a.callId().toString());
        response.setHeader(MODEL_HEADER, a.model());
        if (a.simulated()) {
            response.setHeader(BerrysHeaders.SIMULATED, "true");
        }
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        var out = response.getOutputStream();
        out.write(bytes);
        out.close();
    }

    /**
     * A plain (not streamed) call. Under a key its answer is stored before it is sent, so that a caller who
     * lost it (connection dropped, crash before its checkpoint) gets the same answer and no second charge;
     * a call that got no answer lets the key go.
     */
    private void completePlain(
            UUID callId, ChatCall call, CallHeaders headers, HttpServletResponse response, @Nullable Key key)
            throws IOException {
        response.setHeader(CALL_HEADER, callId.toString());
        ChatService.Completed done;
        try {
            done = chats.complete(callId, call, headers, null);
        } catch (RuntimeException e) {
            release(key, callId);
            throw e;
        }
        try {
            String id = "chatcmpl-" + callId.toString().replace("-", "");
            String body = json.writeValueAsString(new OpenAiWire(
                            json,
                            id,
                            Instant.now().getEpochSecond(),
                            done.route().name())
                    .completion(done.result()));
            boolean simulated = done.route().provider().simulated();
            if (key != null) {
                keep(key, callId, done, false, body);
            }
            write(response, callId, done.route().name(), simulated, body);
        } finally {
            account(done);
        }
    }

    private static void write(HttpServletResponse response, UUID callId, String model, boolean simulated, String body)
            throws IOException {
        response.setStatus(200);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader(CALL_HEADER, callId.toString());
        response.setHeader(MODEL_HEADER, model);
        if (simulated) {
            response.setHeader(BerrysHeaders.SIMULATED, "true");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        var out = response.getOutputStream();
        out.write(bytes);
        out.close();
    }

    /** After the answer has gone out, so a failure here can only be logged. */
    private void account(ChatService.Completed done) {
        try {
            chats.account(done);
        } catch (RuntimeException e) {
            log.error("model call {} could not be accounted", done.callId(), e);
        }
    }

    private ChatRequest parse(ObjectNode raw) {
        try {
            return json.treeToValue(raw, ChatRequest.class);
        } catch (DatabindException e) {
            String field = e.getPath().isEmpty() ? "body" : path(e);
            throw new ProblemException.BadRequest(
                    field, "Field '" + field + "' has a value of the wrong type or form.");
        } catch (JacksonException e) {
            throw new ProblemException.BadRequest("body", "The body is not a chat completion request.");
        }
    }

    private static String path(DatabindException e) {
        var out = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static CallHeaders headers(HttpServletRequest http) {
        return new CallHeaders(
                uuid(http, BerrysHeaders.PROJECT_ID),
                uuid(http, BerrysHeaders.TASK_ID),
                uuid(http, BerrysHeaders.AGENT_ID),
                http.getHeader(BerrysHeaders.PURPOSE),
                price(http.getHeader(CallHeaders.MAX_PRICE)));
    }

    private static @Nullable UUID uuid(HttpServletRequest http, String name) {
        String value = http.getHeader(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new ProblemException.BadRequest(name, "Header '" + name + "' must be a UUID.");
        }
    }

    private static @Nullable BigDecimal price(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal price = new BigDecimal(value.strip());
            if (price.signum() < 0) {
                throw new NumberFormatException();
            }
            return price;
        } catch (NumberFormatException e) {
            throw new ProblemException.BadRequest(
                    CallHeaders.MAX_PRICE, "Header '" + CallHeaders.MAX_PRICE + "' must be a price of 0 or more.");
        }
    }
}
