package dev.berrys.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LogFormatDefaultsTests {

    private final StandardEnvironment env = new StandardEnvironment();

    private void postProcess(Map<String, Object> given) {
        env.getPropertySources().addFirst(new MapPropertySource("test", given));
        new LogFormatDefaults().postProcessEnvironment(env, new SpringApplication());
    }

    @Test
    void plainSwitchesStructuredConsoleLogsOffWhateverTheConfigurationSays() {
        postProcess(Map.of("BERRYS_LOG_FORMAT", " Plain ", LogFormatDefaults.PROPERTY, "ecs"));

        assertThat(env.getProperty(LogFormatDefaults.PROPERTY)).isEmpty();
    }

    @Test
    void withoutASettingTheLogsAreEcs() {
        postProcess(Map.of());

        assertThat(env.getProperty(LogFormatDefaults.PROPERTY)).isEqualTo("ecs");
        assertThat(env.getPropertySources().contains("berrysPlainLogs")).isFalse();
    }

    @Test
    void aNamedFormatIsADefaultThatTheConfigurationMayOverride() {
        postProcess(Map.of("BERRYS_LOG_FORMAT", "logstash"));
        assertThat(env.getProperty(LogFormatDefaults.PROPERTY)).isEqualTo("logstash");

        env.getPropertySources().addFirst(new MapPropertySource("service", Map.of(LogFormatDefaults.PROPERTY, "gelf")));
        assertThat(env.getProperty(LogFormatDefaults.PROPERTY)).isEqualTo("gelf");
    }
}
