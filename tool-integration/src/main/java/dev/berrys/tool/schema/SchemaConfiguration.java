package dev.berrys.tool.schema;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class SchemaConfiguration {
    @Bean
    JsonSchemas jsonSchemas(JsonMapper json) {
        return new JsonSchemas(json);
    }
}
