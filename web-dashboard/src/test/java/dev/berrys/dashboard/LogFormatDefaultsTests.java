package dev.berrys.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LogFormatDefaultsTests {

    private final StandardEnvironment env = new StandardEnvironment();

    @Test
    void plainSwitchesStructuredConsoleLogsOff() {
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of("BERRYS_LOG_FORMAT", "plain")));

        new LogFormatDefaults().postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getProperty("logging.structured.format.console")).isEmpty();
    }

    @Test
    void aNamedFormatIsLeftToTheConfiguration() {
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of("BERRYS_LOG_FORMAT", "logstash")));

        new LogFormatDefaults().postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getPropertySources().contains("berrysPlainLogs")).isFalse();
    }
}
