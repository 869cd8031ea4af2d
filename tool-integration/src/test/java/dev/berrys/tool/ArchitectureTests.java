package dev.berrys.tool;

import dev.berrys.starter.test.ServiceArchitectureTests;

/** The shared architecture rules ({@link ServiceArchitectureTests}) hold for tool-integration's production classes. */
class ArchitectureTests extends ServiceArchitectureTests {
    ArchitectureTests() {
        super("dev.berrys.tool");
    }
}
