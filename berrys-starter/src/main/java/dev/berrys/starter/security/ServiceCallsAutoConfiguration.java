package dev.berrys.starter.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/** Service-to-service calls: tokens from the built-in issuer and token-carrying REST clients. */
@AutoConfiguration(after = {RestClientAutoConfiguration.class, BerrysSecurityAutoConfiguration.class})
public class ServiceCallsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ServiceTokens berrysServiceTokens(RestClient.Builder builder, SecurityProperties props) {
        return new GatewayServiceTokens(builder.clone(), props);
    }

    @Bean
    ServiceClients berrysServiceClients(RestClient.Builder builder, ServiceTokens tokens) {
        return new ServiceClients(builder, tokens);
    }
}
