package dev.berrys.tool.mcp;

import dev.berrys.tool.config.ToolProperties;
import dev.berrys.tool.crypto.SecretBox;
import dev.berrys.tool.schema.JsonSchemas;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class McpConfiguration {
    @Bean
    McpSchemaValidator mcpSchemaValidator(JsonSchemas schemas, JsonMapper json) {
        return new McpSchemaValidator(schemas, json);
    }

    @Bean
    SecretBox secretBox(ToolProperties props) {
        return new SecretBox(props.encryptionKey());
    }
}
