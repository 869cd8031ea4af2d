package dev.berrys.tool.net;

import dev.berrys.starter.net.AddressFilter;
import dev.berrys.tool.config.ToolProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NetConfiguration {
    @Bean
    AddressFilter addressFilter(ToolProperties props) {
        return new AddressFilter(props.http().allowlist());
    }

    @Bean
    SafeHttp safeHttp(AddressFilter filter, ToolProperties props) {
        return new SafeHttp(filter, props.http());
    }
}
