package dev.berrys.integration;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.berrys.starter.test.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The shared architecture rules ({@link ArchitectureRules}) hold for service-integration's production classes. */
class ArchitectureTests {
    static final String BASE = "dev.berrys.integration";
    static final JavaClasses CLASSES = ArchitectureRules.importService(BASE);

    @Test
    void dependsOnNoOtherServicesCode() {
        ArchitectureRules.dependsOnNoOtherService(BASE).check(CLASSES);
    }

    @Test
    void webPackagesTouchOnlyTheRepositoriesOfTheirFeature() {
        ArchitectureRules.webTouchesOnlyItsFeaturesRepositories(BASE).check(CLASSES);
    }

    @Test
    void noEntityInAControllersSignature() {
        ArchitectureRules.noEntityInControllerSignatures(BASE).check(CLASSES);
    }
}
