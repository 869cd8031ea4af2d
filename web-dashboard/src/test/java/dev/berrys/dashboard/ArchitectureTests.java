package dev.berrys.dashboard;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.berrys.starter.test.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The shared architecture rules ({@link ArchitectureRules}) that apply to web-dashboard: it has no controller,
 * repository or entity (it serves the built React app), so only the dependency rule has anything to check.
 */
class ArchitectureTests {
    static final String BASE = "dev.berrys.dashboard";
    static final JavaClasses CLASSES = ArchitectureRules.importService(BASE);

    @Test
    void dependsOnNoOtherServicesCode() {
        ArchitectureRules.dependsOnNoOtherService(BASE).check(CLASSES);
    }
}
