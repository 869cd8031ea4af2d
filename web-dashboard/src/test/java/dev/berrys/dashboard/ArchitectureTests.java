package dev.berrys.dashboard;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.berrys.starter.test.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The shared architecture rules ({@link ArchitectureRules}) hold for web-dashboard's production classes. It serves
 * the built React app and has no controller, repository or entity today, so the entity rule is allowed to find no
 * handler (ArchUnit fails a rule that matches nothing); it is checked all the same, for the day one is added.
 */
class ArchitectureTests {
    static final String BASE = "dev.berrys.dashboard";
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
        ArchitectureRules.noEntityInControllerSignatures(BASE)
                .allowEmptyShould(true)
                .check(CLASSES);
    }
}
