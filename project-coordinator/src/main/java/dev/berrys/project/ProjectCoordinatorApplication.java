package dev.berrys.project;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Projects and their lifecycle, the approvals inbox, result aggregation and live project events. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ProjectCoordinatorApplication {
    public static void main(String[] args) {
        SpringApplication.run(ProjectCoordinatorApplication.class, args);
    }
}
