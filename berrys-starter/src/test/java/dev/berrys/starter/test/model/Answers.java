package dev.berrys.starter.test.model;

import dev.berrys.starter.test.model.FakeModelServer.Answer;
import dev.berrys.starter.test.model.FakeModelServer.Script;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@link Answer}s a {@link FakeModelServer} is scripted with. */
public final class Answers {
    private Answers() {}

    /**
     * A well-formed answer in the server's wire, streamed if asked: a tool call where tools are offered and none has
     * answered, else the server's {@link FakeModelServer#text(String) text}. What a server answers unless told.
     */
    public static Answer answer() {
        return reply -> (reply.server().wire() == FakeModelServer.Wire.OPENAI
                        ? OpenAiWire.answerFor(reply.request(), reply.server().text())
                        : AnthropicWire.answerFor(
                                reply.request(), reply.server().text()))
                .respond(reply);
    }

    /** A final answer of {@code content}, streamed if asked; set its usage, model or headers on it. */
    public static Completion text(String content) {
        return Completion.text(content);
    }

    /** An answer that asks for one call of {@code tool} with {@code arguments} (JSON text). */
    public static Completion toolCall(String id, String tool, String arguments) {
        return Completion.toolCall(id, tool, arguments);
    }

    /** The answer {@code script} picks for each request, e.g. by its {@link Request#call()} number. */
    public static Answer computed(Script script) {
        return reply -> {
            Answer answer;
            try {
                answer = script.answer(reply.request());
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            answer.respond(reply);
        };
    }

    /** A provider's refusal: {@code status} with an OpenAI-style error body. */
    public static Answer status(int status) {
        return status(status, null);
    }

    /** A provider's refusal with a {@code Retry-After} (e.g. a 429). */
    public static Answer status(int status, @Nullable String retryAfter) {
        return reply -> {
            if (retryAfter != null) {
                reply.header("Retry-After", retryAfter);
            }
            reply.send(
                    status,
                    "application/json",
                    "{\"error\":{\"message\":\"upstream says no\",\"type\":\"server_error\"}}");
        };
    }

    /** A ProblemDetail, as model-orchestration answers an error ({@code type} ends in {@code /slug}). */
    public static Answer problem(int status, String slug, String detail) {
        return reply -> reply.send(
                status,
                "application/problem+json",
                object().put("type", "https://berrys.dev/problems/" + slug)
                        .put("title", "error")
                        .put("status", status)
                        .put("detail", detail)
                        .toString());
    }

    /** No answer: the connection is closed, as by a server that dies mid-call or dropped a kept-alive connection. */
    public static Answer dropped() {
        return Reply::drop;
    }

    /** {@code answer}, after {@code millis}. */
    public static Answer delayed(long millis, Answer answer) {
        return reply -> {
            Thread.sleep(millis);
            answer.respond(reply);
        };
    }

    /** The {@link #answer() default answer}, after {@code millis}. */
    public static Answer slow(long millis) {
        return delayed(millis, answer());
    }

    /** A 200 whose JSON is cut short. */
    public static Answer malformed() {
        return reply -> reply.send(200, "application/json", "{\"id\": \"chatcmpl-1\", \"choices\": [");
    }

    /** OpenAI wire: a streamed answer whose first chunk comes at once, then silence for {@code millis}. */
    public static Answer stallAfterFirstChunk(long millis) {
        return reply -> OpenAiWire.stallAfterFirstChunk(reply, millis);
    }

    /** Anthropic's stream that starts (with a first text delta if {@code afterText}) and then goes silent. */
    public static Answer anthropicStall(boolean afterText, long millis) {
        return reply -> AnthropicWire.stall(reply, afterText, millis);
    }

    /** Anthropic's stream of {@code parts} text deltas, {@code gapMillis} apart. */
    public static Answer anthropicTrickle(int parts, long gapMillis) {
        return reply -> AnthropicWire.trickle(reply, parts, gapMillis);
    }

    /** Anthropic's stream that fails with an {@code error} event before any content. */
    public static Answer anthropicErrorEvent() {
        return AnthropicWire::errorEvent;
    }

    /** A refusal whose body quotes the credential the request carried, as some gateways do. */
    public static Answer refusalQuotingTheKey(int status) {
        return reply -> {
            String key = reply.request().authorization();
            if (key == null) {
                key = reply.request().header("X-Api-Key");
            }
            reply.send(
                    status,
                    "application/json",
                    "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                            + "\"message\":\"invalid credential: " + key + "\"}}");
        };
    }

    /** Whether tools are offered and no tool has answered yet ({@code resultRole}: the wire's role of a result). */
    static boolean wantsTool(JsonNode body, String resultRole) {
        if (!body.path("tools").isArray() || body.path("tools").isEmpty()) {
            return false;
        }
        for (JsonNode m : body.path("messages")) {
            if (resultRole.equals(m.path("role").asString()) || m.toString().contains("tool_result")) {
                return false;
            }
        }
        return true;
    }

    static ObjectNode object() {
        return FakeModelServer.JSON.createObjectNode();
    }

    static JsonNode parse(String json) {
        return FakeModelServer.JSON.readTree(json);
    }
}
