package dev.berrys.model.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.berrys.model.ModelIT;
import dev.berrys.starter.test.TestTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The official OpenAI Java SDK, pointed at Berrys' /v1 with a Berrys token as its API key. */
@ModelIT
class OpenAiSdkIT {
    @LocalServerPort
    int port;

    OpenAIClient client;

    @BeforeEach
    void setUp() {
        client = OpenAIOkHttpClient.builder()
                .baseUrl("http://127.0.0.1:" + port + "/v1")
                // a tenant of its own: the default tenant may have the provider another context configured at start
                .apiKey(TestTokens.token("admin", "t-" + java.util.UUID.randomUUID(), "ADMIN"))
                .maxRetries(0)
                .build();
    }

    @Test
    void plainChatWorks() {
        ChatCompletion completion = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("berrys-simulated")
                        .addSystemMessage("You are a researcher.")
                        .addUserMessage("Task: Research the tea trade")
                        .build());
        assertThat(completion.model()).isEqualTo("berrys-simulated");
        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().getFirst().message().content())
                .hasValueSatisfying(c -> assertThat(c).contains("Research the tea trade"));
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage())
                .hasValueSatisfying(u -> assertThat(u.totalTokens()).isPositive());
    }

    @Test
    void streamedChatWorks() {
        StringBuilder text = new StringBuilder();
        try (var stream = client.chat()
                .completions()
                .createStreaming(ChatCompletionCreateParams.builder()
                        .model("auto")
                        .addUserMessage("Task: Research the tea trade")
                        .build())) {
            List<ChatCompletionChunk> chunks = stream.stream().toList();
            chunks.forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
            assertThat(chunks.getLast().choices().getFirst().finishReason())
                    .hasValue(ChatCompletionChunk.Choice.FinishReason.STOP);
        }
        assertThat(text.toString()).contains("Research the tea trade");
    }

    @Test
    void toolCallingChatWorks() {
        var tool = ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name("calculator")
                        .description("Evaluates an arithmetic expression")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty(
                                        "properties", JsonValue.from(Map.of("expression", Map.of("type", "string"))))
                                .putAdditionalProperty("required", JsonValue.from(List.of("expression")))
                                .build())
                        .build())
                .build();
        var params = ChatCompletionCreateParams.builder()
                .model("berrys-simulated")
                .addUserMessage("Task: Estimate the cost of a tea shop")
                .addTool(tool);
        ChatCompletion first = client.chat().completions().create(params.build());
        var choice = first.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        List<ChatCompletionMessageToolCall> calls = choice.message().toolCalls().orElseThrow();
        var call = calls.getFirst().asFunction();
        assertThat(call.function().name()).isEqualTo("calculator");
        assertThat(call.function().arguments()).contains("expression");

        params.addMessage(choice.message());
        params.addMessage(ChatCompletionToolMessageParam.builder()
                .toolCallId(call.id())
                .content("1234")
                .build());
        ChatCompletion second = client.chat().completions().create(params.build());
        assertThat(second.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(second.choices().getFirst().message().content())
                .hasValueSatisfying(c -> assertThat(c).contains("1234"));
    }
}
