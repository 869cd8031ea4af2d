package dev.berrys.integration;

import dev.berrys.starter.test.ServiceArchitectureTests;

/** The shared architecture rules ({@link ServiceArchitectureTests}) hold for service-integration's production classes. */
class ArchitectureTests extends ServiceArchitectureTests {
    ArchitectureTests() {
        super("dev.berrys.integration");
    }
}
