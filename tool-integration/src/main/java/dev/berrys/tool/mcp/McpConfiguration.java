package dev.berrys.tool.mcp;

import dev.berrys.crypto.SecretCipher;
import dev.berrys.starter.schema.JsonSchemas;
import dev.berrys.tool.config.ToolProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class McpConfiguration {
    @Bean
    McpSchemaValidator mcpSchemaValidator(JsonSchemas schemas, JsonMapper json) {
        return new McpSchemaValidator(schemas, json);
    }

    /** MCP credentials at rest; a malformed BERRYS_ENCRYPTION_KEY stops the start. */
    @Bean
    SecretCipher secretCipher(ToolProperties props) {
        return SecretCipher.fromConfiguration(props.encryptionKey());
    }
}
