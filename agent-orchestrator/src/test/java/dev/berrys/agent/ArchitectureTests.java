package dev.berrys.agent;

import dev.berrys.starter.test.ServiceArchitectureTests;

/** The shared architecture rules ({@link ServiceArchitectureTests}) hold for agent-orchestrator's production classes. */
class ArchitectureTests extends ServiceArchitectureTests {
    ArchitectureTests() {
        super("dev.berrys.agent");
    }
}
