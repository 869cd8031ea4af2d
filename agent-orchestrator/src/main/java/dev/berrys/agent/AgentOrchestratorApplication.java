package dev.berrys.agent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Agent templates, teams and executions: the agent loop of Berrys. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AgentOrchestratorApplication {
    public static void main(String[] args) {
        SpringApplication.run(AgentOrchestratorApplication.class, args);
    }
}
