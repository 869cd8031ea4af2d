package dev.berrys.project;

import dev.berrys.starter.test.ServiceArchitectureTests;

/** The shared architecture rules ({@link ServiceArchitectureTests}) hold for project-coordinator's production classes. */
class ArchitectureTests extends ServiceArchitectureTests {
    ArchitectureTests() {
        super("dev.berrys.project");
    }
}
