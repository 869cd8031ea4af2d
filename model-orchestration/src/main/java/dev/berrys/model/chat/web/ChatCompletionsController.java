package dev.berrys.model.chat.web;

import dev.berrys.contracts.api.BerrysHeaders;
import dev.berrys.model.chat.CallHeaders;
import dev.berrys.model.chat.ChatCall;
import dev.berrys.model.chat.ChatRequest;
import dev.berrys.model.chat.ChatService;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.IdempotencyKeys;
import dev.berrys.starter.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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
 * accounting record in {@code X-Berrys-Call-Id}. A plain call with an {@code Idempotency-Key} is made once
 * per key and tenant: a repeated key is answered with the first answer, byte for byte ({@link ChatCallKeys}).
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

    @PostMapping(path = "/v1/chat/completions")
    void complete(@RequestBody JsonNode body, HttpServletRequest http, HttpServletResponse response)
            throws IOException {
        if (!(body instanceof ObjectNode raw)) {
            throw new ProblemException.BadRequest("body", "The body must be a JSON object.");
        }
        ChatRequest request = parse(raw);
        CallHeaders headers = headers(http);
        // a streamed answer cannot be given twice: the key counts for plain calls only (documented)
        String key = request.streaming() ? null : IdempotencyKeys.validated(http.getHeader(IdempotencyKeys.HEADER));
        UUID callId = UUID.randomUUID();
        ChatCall call = new ChatCall(request, raw, headers.purpose());
        if (!request.streaming()) {
            if (key == null) {
                completePlain(callId, call, headers, response, null);
                return;
            }
            String tenant = Tenants.require();
            switch (keys.claim(tenant, key, callId)) {
                case ChatCallKeys.Answered a -> write(response, a.callId(), a.model(), a.simulated(), a.body());
                case ChatCallKeys.Owned _ -> completePlain(callId, call, headers, response, new Key(tenant, key));
            }
            return;
        }
        String id = "chatcmpl-" + callId.toString().replace("-", "");
        long created = Instant.now().getEpochSecond();
        response.setHeader(CALL_HEADER, callId.toString());
        var sse = new SseWriter(response, json, id, created, request.includeUsageInStream());
        try {
            ChatService.Completed done = chats.complete(callId, call, headers, sse);
            try {
                sse.finish(done.result().inputTokens(), done.result().outputTokens());
                response.getOutputStream().close();
            } finally {
                account(done);
            }
        } catch (ProblemException e) {
            if (!sse.started()) {
                throw e;
            }
            sse.fail(e.getMessage(), e.status().value());
        }
    }

    private record Key(String tenant, String key) {}

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
            if (key != null) {
                keys.release(key.tenant(), key.key(), callId);
            }
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
                try {
                    keys.answer(key.tenant(), key.key(), callId, done.route().name(), simulated, body);
                } catch (RuntimeException e) {
                    // the caller still gets its answer; a retry of the key waits out the claim, then runs again
                    log.warn(
                            "answer of model call {} could not be kept for its idempotency key: {}",
                            callId,
                            e.toString());
                }
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
