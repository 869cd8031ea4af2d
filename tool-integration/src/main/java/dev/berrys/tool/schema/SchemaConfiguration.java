package dev.berrys.tool.schema;

import dev.berrys.starter.schema.JsonSchemas;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The platform's one JSON Schema helper (never fetches, bounded patterns), for tool parameters and MCP. */
@Configuration(proxyBeanMethods = false)
class SchemaConfiguration {
    @Bean
    JsonSchemas jsonSchemas() {
        return new JsonSchemas();
    }
}
