package dev.berrys.model;

import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.berrys.model.routing.ChatExecutor;
import dev.berrys.model.routing.ProviderGuards;
import dev.berrys.model.routing.RoutingFailedException;
import dev.berrys.starter.test.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The shared architecture rules ({@link ArchitectureRules}) hold for model-orchestration's production classes. */
class ArchitectureTests {
    static final String BASE = "dev.berrys.model";
    static final JavaClasses CLASSES = ArchitectureRules.importService(BASE);

    @Test
    void dependsOnNoOtherServicesCode() {
        ArchitectureRules.dependsOnNoOtherService(BASE).check(CLASSES);
    }

    @Test
    void webPackagesTouchOnlyTheRepositoriesOfTheirFeature() {
        ArchitectureRules.webTouchesOnlyItsFeaturesRepositories(BASE).check(CLASSES);
    }

    /**
     * Retries, fallback and circuits treat every provider alike: what a failure means is its kind's to say, so
     * the simulated provider's failure on purpose takes no path of its own (only the router's choice of
     * candidates knows the simulated model, for {@code BERRYS_SIMULATED_FALLBACK}).
     */
    @Test
    void theRunAlongTheCandidatesKnowsNothingOfTheSimulatedProvider() {
        noClasses()
                .that()
                .belongToAnyOf(ChatExecutor.class, ProviderGuards.class, RoutingFailedException.class)
                .should()
                .accessTargetWhere(target(nameMatching("(?i).*simulated.*")))
                .orShould()
                .dependOnClassesThat()
                .haveNameMatching("(?i).*simulated.*")
                .check(CLASSES);
    }

    @Test
    void noEntityInAControllersSignature() {
        ArchitectureRules.noEntityInControllerSignatures(BASE).check(CLASSES);
    }
}
