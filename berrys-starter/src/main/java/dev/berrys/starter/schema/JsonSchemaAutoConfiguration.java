package dev.berrys.starter.schema;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The one {@link JsonSchemas} of a service, for every schema a tenant or a model supplies: it never fetches a
 * document a {@code $ref} names and bounds what a {@code pattern} may cost. A service that validates schemas only
 * injects it.
 */
@AutoConfiguration
public class JsonSchemaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JsonSchemas berrysJsonSchemas() {
        return new JsonSchemas();
    }
}
