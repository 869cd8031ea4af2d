package dev.berrys.model.chat;

import org.jspecify.annotations.Nullable;

/** Token estimates where no tokenizer answers: about four characters a token, as OpenAI's rule of thumb. */
public final class Tokens {
    private Tokens() {}

    public static long ofText(@Nullable String text) {
        return text == null || text.isEmpty() ? 0 : Math.max(1, (text.length() + 3) / 4);
    }

    /** The prompt of a request: every message's text and tool calls, the tools offered and a small overhead. */
    public static long ofPrompt(ChatRequest request) {
        long tokens = 3;
        for (ChatRequest.Message m : request.messageList()) {
            tokens += 4 + ofText(m.text());
            for (ChatRequest.ToolCall call : m.toolCallList()) {
                tokens += ofText(call.function().name())
                        + ofText(String.valueOf(call.function().arguments()));
            }
        }
        for (ChatRequest.Tool tool : request.toolList()) {
            if (tool.function() != null) {
                tokens += 8
                        + ofText(String.valueOf(tool.function().name()))
                        + ofText(String.valueOf(tool.function().description()))
                        + ofText(String.valueOf(tool.function().parameters()));
            }
        }
        if (request.jsonSchema() != null && request.jsonSchema().schema() != null) {
            tokens += ofText(request.jsonSchema().schema().toString());
        }
        return tokens;
    }
}
