package dev.berrys.model;

import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import dev.berrys.model.routing.ChatExecutor;
import dev.berrys.model.routing.ProviderGuards;
import dev.berrys.model.routing.RoutingFailedException;
import dev.berrys.starter.test.ServiceArchitectureTests;
import org.junit.jupiter.api.Test;

/**
 * The shared architecture rules ({@link ServiceArchitectureTests}) hold for model-orchestration's production
 * classes, and one of its own.
 */
class ArchitectureTests extends ServiceArchitectureTests {
    ArchitectureTests() {
        super("dev.berrys.model");
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
                .check(classes());
    }
}
