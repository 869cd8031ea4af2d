package dev.berrys.model.catalog;

import dev.berrys.starter.net.AddressFilter;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where a tenant's provider may point: the platform's one {@link AddressFilter} (that of the tools), so
 * that a provider cannot be aimed at the platform's own network or a cloud metadata endpoint.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProviderAddresses.Settings.class)
class ProviderAddresses {
    @Bean
    AddressFilter providerAddressFilter(Settings settings) {
        return new AddressFilter(settings.allowlist());
    }

    /** @param allowlist host names and CIDRs a provider's baseUrl may name although private or loopback */
    @ConfigurationProperties("berrys.model.providers")
    record Settings(@DefaultValue("") List<String> allowlist) {}
}
