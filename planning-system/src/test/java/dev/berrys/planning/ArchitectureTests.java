package dev.berrys.planning;

import dev.berrys.starter.test.ServiceArchitectureTests;

/** The shared architecture rules ({@link ServiceArchitectureTests}) hold for planning-system's production classes. */
class ArchitectureTests extends ServiceArchitectureTests {
    ArchitectureTests() {
        super("dev.berrys.planning");
    }
}
