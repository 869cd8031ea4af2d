package dev.berrys.tool;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Tool registry, built-in tools, MCP servers and validated, recorded tool execution. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ToolIntegrationApplication {
    public static void main(String[] args) {
        SpringApplication.run(ToolIntegrationApplication.class, args);
    }
}
