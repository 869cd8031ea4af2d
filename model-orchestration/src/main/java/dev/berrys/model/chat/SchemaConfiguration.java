package dev.berrys.model.chat;

import dev.berrys.starter.schema.JsonSchemas;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The platform's one JSON Schema helper: a caller's {@code response_format} and tool parameters are
 * checked with it (no reference to another document is fetched) and structured answers validated by it.
 */
@Configuration(proxyBeanMethods = false)
class SchemaConfiguration {
    @Bean
    JsonSchemas jsonSchemas() {
        return new JsonSchemas();
    }
}
