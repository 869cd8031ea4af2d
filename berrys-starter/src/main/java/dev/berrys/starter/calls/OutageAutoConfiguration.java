package dev.berrys.starter.calls;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The {@link OutagePolicy} every service's clients and stream consumers share. */
@AutoConfiguration
@EnableConfigurationProperties(OutageProperties.class)
public class OutageAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OutagePolicy berrysOutagePolicy(OutageProperties props) {
        return new OutagePolicy(props);
    }
}
