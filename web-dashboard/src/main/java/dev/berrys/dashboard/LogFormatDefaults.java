package dev.berrys.dashboard;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Structured JSON logs unless {@code BERRYS_LOG_FORMAT=plain}: Boot knows only structured formats by
 * name, so "plain" has to switch structured logging off rather than name a format.
 */
public class LogFormatDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String format = env.getProperty("BERRYS_LOG_FORMAT", "ecs");
        if ("plain".equalsIgnoreCase(format.trim())) {
            env.getPropertySources()
                    .addFirst(
                            new MapPropertySource("berrysPlainLogs", Map.of("logging.structured.format.console", "")));
        }
    }
}
