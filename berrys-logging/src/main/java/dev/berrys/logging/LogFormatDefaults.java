package dev.berrys.logging;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Console logs in the structured format {@code BERRYS_LOG_FORMAT} names ({@code ecs} unless set), or in Boot's
 * human-readable lines for {@code plain}. A named format is a default a service's own configuration may override;
 * "plain" has to switch structured logging off, because Boot knows only structured formats by name, so it wins over
 * any configuration. Registered in {@code META-INF/spring.factories}, so that every process that has this jar on its
 * class path (the servlet services through berrys-starter, the gateway and the dashboard directly) logs alike.
 */
public class LogFormatDefaults implements EnvironmentPostProcessor {
    static final String PROPERTY = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String format = env.getProperty("BERRYS_LOG_FORMAT", "ecs").trim();
        if ("plain".equalsIgnoreCase(format)) {
            env.getPropertySources().addFirst(new MapPropertySource("berrysPlainLogs", Map.of(PROPERTY, "")));
        } else {
            env.getPropertySources().addLast(new MapPropertySource("berrysLogFormat", Map.of(PROPERTY, format)));
        }
    }
}
