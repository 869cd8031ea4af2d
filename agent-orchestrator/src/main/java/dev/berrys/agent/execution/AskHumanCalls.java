package dev.berrys.agent.execution;

import dev.berrys.contracts.api.AskHuman;
import dev.berrys.contracts.api.ChatCompletionRequest.ToolDefinition;
import dev.berrys.contracts.api.ChatMessage.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code ask_human} function that every agent is offered besides its template's tools: how it is described
 * to the model, and how a call of it is read. A call that does not fit the schema gets an {@code ERROR:} result
 * the model reads, like a refused tool call; the execution goes on.
 */
final class AskHumanCalls {
    static final ToolDefinition DEFINITION = ToolDefinition.function(
            AskHuman.TOOL,
            "Ask a person of the project a question and wait for the answer. Use it only when you cannot go on"
                    + " without a decision or a fact that only a person can give. Give options where the answer is"
                    + " a choice: the person then picks one of them.",
            schema());

    private AskHumanCalls() {}

    /** What a call of ask_human asks: a question and, maybe, options; or why it cannot be asked. */
    sealed interface Asked {}

    record Ask(String question, List<String> options) implements Asked {}

    record Invalid(String reason) implements Asked {}

    static boolean isAsk(ToolCall call) {
        return AskHuman.TOOL.equals(call.function().name());
    }

    static Asked read(ToolCall call, JsonMapper json) {
        String arguments = call.function().arguments();
        JsonNode args;
        try {
            args = json.readTree(arguments == null || arguments.isBlank() ? "{}" : arguments);
        } catch (RuntimeException e) {
            return new Invalid("the arguments are not JSON");
        }
        if (!args.isObject()) {
            return new Invalid("the arguments must be a JSON object");
        }
        JsonNode question = args.get(AskHuman.QUESTION);
        if (question == null || !question.isString() || question.asString().isBlank()) {
            return new Invalid("'question' is required, a non-empty string");
        }
        String text = question.asString().strip();
        if (text.length() > AskHuman.MAX_QUESTION) {
            return new Invalid("'question' is longer than " + AskHuman.MAX_QUESTION + " characters");
        }
        JsonNode options = args.get(AskHuman.OPTIONS);
        List<String> choices = new ArrayList<>();
        if (options != null && !options.isNull()) {
            if (!options.isArray() || options.size() > AskHuman.MAX_OPTIONS) {
                return new Invalid("'options' must be an array of at most " + AskHuman.MAX_OPTIONS + " strings");
            }
            for (JsonNode option : options) {
                if (!option.isString()
                        || option.asString().isBlank()
                        || option.asString().strip().length() > AskHuman.MAX_OPTION) {
                    return new Invalid("each of 'options' must be a non-empty string of at most " + AskHuman.MAX_OPTION
                            + " characters");
                }
                String choice = option.asString().strip();
                if (!choices.contains(choice)) {
                    choices.add(choice);
                }
            }
        }
        return new Ask(text, List.copyOf(choices));
    }

    /** The text the model gets back for a call that could not be asked. */
    static String refusal(Invalid invalid) {
        return "ERROR: " + AskHuman.TOOL + " was not asked: " + invalid.reason()
                + ". Call it with {\"question\": \"…\", \"options\": [\"…\"]} (options optional).";
    }

    /** The text the model gets back once the person answered. */
    static String result(String answer) {
        return AskHuman.ANSWER_PREFIX + answer;
    }

    private static Map<String, Object> schema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(
                AskHuman.QUESTION,
                Map.of(
                        "type", "string",
                        "maxLength", AskHuman.MAX_QUESTION,
                        "description", "The question, complete enough to be answered without the conversation."));
        properties.put(
                AskHuman.OPTIONS,
                Map.of(
                        "type",
                        "array",
                        "maxItems",
                        AskHuman.MAX_OPTIONS,
                        "items",
                        Map.of("type", "string", "maxLength", AskHuman.MAX_OPTION),
                        "description",
                        "The answers to choose from, where the answer is a choice."));
        return Map.of("type", "object", "properties", properties, "required", List.of(AskHuman.QUESTION));
    }
}
