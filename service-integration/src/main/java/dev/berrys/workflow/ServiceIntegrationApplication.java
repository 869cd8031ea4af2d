package dev.berrys.workflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ServiceIntegrationApplication {
    public static void main(String[] args) {
        SpringApplication.run(ServiceIntegrationApplication.class, args);
    }
}
