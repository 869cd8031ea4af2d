package dev.berrys.starter.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/** The ProblemDetail handler and the request body limit of every servlet service. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(RequestSizeProperties.class)
@Import(ProblemHandler.class)
public class BerrysWebAutoConfiguration {

    /** First in the chain, so that no filter (nor security) reads a body past the limit. */
    @Bean
    FilterRegistrationBean<RequestSizeFilter> berrysRequestSizeFilter(RequestSizeProperties props, JsonMapper json) {
        var registration = new FilterRegistrationBean<>(new RequestSizeFilter(props, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
