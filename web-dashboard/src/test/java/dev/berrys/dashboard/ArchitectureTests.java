package dev.berrys.dashboard;

import com.tngtech.archunit.lang.ArchRule;
import dev.berrys.starter.test.ArchitectureRules;
import dev.berrys.starter.test.ServiceArchitectureTests;

/**
 * The shared architecture rules ({@link ServiceArchitectureTests}) hold for web-dashboard's production classes. It
 * serves the built React app and has no controller, repository or entity today, so the entity rule is allowed to
 * find no handler (ArchUnit fails a rule that matches nothing); it is checked all the same, for the day one is added.
 */
class ArchitectureTests extends ServiceArchitectureTests {
    ArchitectureTests() {
        super("dev.berrys.dashboard");
    }

    @Override
    protected ArchRule noEntityInControllerSignatures(String basePackage) {
        return ArchitectureRules.noEntityInControllerSignatures(basePackage).allowEmptyShould(true);
    }
}
