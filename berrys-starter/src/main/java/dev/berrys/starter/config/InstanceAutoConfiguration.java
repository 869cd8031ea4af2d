package dev.berrys.starter.config;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** This replica's {@link InstanceId}, from {@code berrys.instance-id} ({@code BERRYS_INSTANCE_ID}). */
@AutoConfiguration
public class InstanceAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    InstanceId berrysInstanceId(@Value("${berrys.instance-id:}") @Nullable String configured) {
        return InstanceId.of(configured);
    }
}
