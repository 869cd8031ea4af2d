package dev.berrys.tool.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTests {

    @Test
    void redactsFieldsNamedLikeSecretsAtAnyDepth() {
        Object redacted = Redactor.redact(Map.of(
                "url", "https://example.org",
                "apiKey", "k-123",
                "password", "hunter2",
                "nested", Map.of("accessToken", "t-1", "client_secret", "s", "count", 3),
                "list", List.of(Map.of("Authorization", "Bearer x", "name", "a"))));

        assertThat(redacted)
                .isEqualTo(Map.of(
                        "url", "https://example.org",
                        "apiKey", "***",
                        "password", "***",
                        "nested", Map.of("accessToken", "***", "client_secret", "***", "count", 3),
                        "list", List.of(Map.of("Authorization", "***", "name", "a"))));
    }

    @Test
    void shortensLongTexts() {
        Map<?, ?> redacted = (Map<?, ?>) Redactor.redact(Map.of("content", "x".repeat(5000)));
        assertThat((String) redacted.get("content"))
                .startsWith("xxxx")
                .endsWith("(5000 characters)")
                .hasSizeLessThan(1100);
    }
}
