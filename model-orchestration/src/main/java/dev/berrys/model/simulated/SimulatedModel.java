package dev.berrys.model.simulated;

import dev.berrys.contracts.api.BerrysHeaders;
import dev.berrys.contracts.api.PlanProposal;
import dev.berrys.model.chat.ChatRequest;
import dev.berrys.model.chat.ChatResult;
import dev.berrys.model.chat.Tokens;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deterministic model behind the {@code SIMULATED} provider (docs/flow.md, "The simulated model"):
 * the same conversation always gets the same answer. Purpose {@code plan} (or a {@code berrys_plan}
 * schema) gets a {@link PlanProposal}, {@code task} a tool call or a final answer, {@code synthesis} a
 * summary quoting every task output; another JSON schema gets an instance of it.
 */
public final class SimulatedModel {
    private final JsonMapper json;

    public SimulatedModel(JsonMapper json) {
        this.json = json;
    }

    public ChatResult answer(ChatRequest request, @Nullable String purposeHeader) {
        var random = new SplittableRandom(Prompts.seed(request));
        long input = Tokens.ofPrompt(request);
        String purpose = purpose(request, purposeHeader);
        if (BerrysHeaders.PURPOSE_PLAN.equals(purpose)) {
            return text(json.writeValueAsString(SimulatedPlanner.plan(request)), input);
        }
        ChatRequest.JsonSchema schema = request.jsonSchema();
        if (schema != null && schema.schema() != null) {
            String title = SimulatedAgent.title(request);
            JsonNode instance = new SchemaInstances(random, title, SimulatedAgent.answer(request, random.split()))
                    .instance(schema.schema());
            return text(json.writeValueAsString(instance), input);
        }
        if (BerrysHeaders.PURPOSE_SYNTHESIS.equals(purpose)) {
            return text(SimulatedSynthesis.summary(request, random), input);
        }
        Optional<ChatRequest.Tool> tool = SimulatedAgent.toolToCall(request);
        if (tool.isPresent()) {
            ChatRequest.ToolCall call = SimulatedAgent.toolCall(request, tool.get(), random, json);
            long output = 10
                    + Tokens.ofText(call.function().name())
                    + Tokens.ofText(call.function().arguments());
            return new ChatResult(null, List.of(call), "tool_calls", input, output);
        }
        return text(SimulatedAgent.answer(request, random), input);
    }

    static String purpose(ChatRequest request, @Nullable String header) {
        if (header != null && !header.isBlank()) {
            return header.strip().toLowerCase(Locale.ROOT);
        }
        ChatRequest.JsonSchema schema = request.jsonSchema();
        if (schema != null && PlanProposal.SCHEMA_NAME.equals(schema.name())) {
            return BerrysHeaders.PURPOSE_PLAN;
        }
        return BerrysHeaders.PURPOSE_TASK;
    }

    private static ChatResult text(String content, long input) {
        return ChatResult.text(content, input, Tokens.ofText(content) + 1);
    }
}
