package dev.berrys.starter.test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The shared {@link ArchitectureRules} as JUnit tests: each service's {@code ArchitectureTests} extends this with
 * its base package (and adds any rule of its own), so the three checks are written once rather than in every
 * module. A service's classes are imported once per base package, not once per test.
 */
public abstract class ServiceArchitectureTests {
    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    private final String basePackage;

    protected ServiceArchitectureTests(String basePackage) {
        this.basePackage = basePackage;
    }

    /** The service's production classes (no tests, nothing from a jar), for a subclass's own rules. */
    protected final JavaClasses classes() {
        return IMPORTED.computeIfAbsent(basePackage, ArchitectureRules::importService);
    }

    /**
     * The entity rule as this service checks it; a service with no request handler yet overrides this with
     * {@code allowEmptyShould(true)} (ArchUnit fails a rule that matches nothing).
     */
    protected ArchRule noEntityInControllerSignatures(String basePackage) {
        return ArchitectureRules.noEntityInControllerSignatures(basePackage);
    }

    @Test
    protected void dependsOnNoOtherServicesCode() {
        ArchitectureRules.dependsOnNoOtherService(basePackage).check(classes());
    }

    @Test
    protected void webPackagesTouchOnlyTheRepositoriesOfTheirFeature() {
        ArchitectureRules.webTouchesOnlyItsFeaturesRepositories(basePackage).check(classes());
    }

    @Test
    protected void noEntityInAControllersSignature() {
        noEntityInControllerSignatures(basePackage).check(classes());
    }
}
