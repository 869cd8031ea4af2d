package dev.berrys.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelPropertiesTests {
    static ModelProperties props(String simulated, String openAiKey, String ollamaUrl) {
        var none = new ModelProperties.Upstream("", "", List.of());
        return new ModelProperties(
                "",
                new ModelProperties.Simulated(simulated, 50, 0, false),
                new ModelProperties.Upstream(openAiKey, "https://api.openai.com/v1", List.of("gpt-4o-mini")),
                none,
                new ModelProperties.Upstream("", ollamaUrl, List.of("llama3.2")),
                new ModelProperties.Routing(0.8, Duration.ofSeconds(2)));
    }

    @Test
    void theSimulatedProviderIsOnWhenNoRealProviderIsConfiguredUnlessSaidOtherwise() {
        assertThat(props(null, "", "").simulatedEnabled()).isTrue();
        assertThat(props("", "sk-x", "").simulatedEnabled()).isFalse();
        assertThat(props(null, "", "http://127.0.0.1:11434").simulatedEnabled()).isFalse();
        assertThat(props("true", "sk-x", "").simulatedEnabled()).isTrue();
        assertThat(props("false", "", "").simulatedEnabled()).isFalse();
    }
}
