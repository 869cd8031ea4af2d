package dev.berrys.integration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ServiceIntegrationApplication {
    public static void main(String[] args) {
        SpringApplication.run(ServiceIntegrationApplication.class, args);
    }
}
