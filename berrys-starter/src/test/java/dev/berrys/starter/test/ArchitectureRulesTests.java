package dev.berrys.starter.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

class ArchitectureRulesTests {
    static final String ALPHA = "dev.berrys.archfixture.alpha";
    static final String CLEAN = "dev.berrys.archfixture.clean";
    static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("dev.berrys.archfixture");

    @Test
    void aServiceUsingAnotherServicesCodeBreaksTheDependencyRule() {
        assertThatThrownBy(
                        () -> ArchitectureRules.dependsOnNoOtherService(ALPHA).check(FIXTURES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("AlphaService")
                .hasMessageContaining("BetaThing");
    }

    @Test
    void aControllerUsingAnotherFeaturesRepositoryBreaksTheWebRule() {
        assertThatThrownBy(() -> ArchitectureRules.webTouchesOnlyItsFeaturesRepositories(ALPHA)
                        .check(FIXTURES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("BillingController")
                .hasMessageContaining("Orders");
    }

    @Test
    void anEntityInAHandlersReturnTypeBreaksTheEntityRule() {
        assertThatThrownBy(() ->
                        ArchitectureRules.noEntityInControllerSignatures(ALPHA).check(FIXTURES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("BillingController.bills()")
                .hasMessageContaining(ALPHA + ".orders.Order");
    }

    @Test
    void aWebHelperThatIsNoControllerStillMayNotUseAnotherFeaturesRepository() {
        assertThatThrownBy(() -> ArchitectureRules.webTouchesOnlyItsFeaturesRepositories(ALPHA)
                        .check(FIXTURES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("BillingLinks");
    }

    @Test
    void aControllerOutsideAWebPackageMayNotUseAnotherFeaturesRepositoryEither() {
        assertThatThrownBy(() -> ArchitectureRules.webTouchesOnlyItsFeaturesRepositories(ALPHA)
                        .check(FIXTURES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("BillingReportController");
    }

    @Test
    void aControllerUsingItsOwnFeaturesRepositoryIsNoViolationOfTheWebRule() {
        assertThatThrownBy(() -> ArchitectureRules.webTouchesOnlyItsFeaturesRepositories(ALPHA)
                        .check(FIXTURES))
                .isInstanceOf(AssertionError.class)
                .message()
                .doesNotContain("OrderAdminController");
    }

    @Test
    void anEntityReturnedPlainWrappedPagedInASetOrAnOptionalOrTakenAsABodyBreaksTheEntityRule() {
        String admin = ALPHA + ".orders.web.OrderAdminController.";
        assertThatThrownBy(() ->
                        ArchitectureRules.noEntityInControllerSignatures(ALPHA).check(FIXTURES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(admin + "plain()")
                .hasMessageContaining(admin + "wrapped()")
                .hasMessageContaining(admin + "paged()")
                .hasMessageContaining(admin + "set()")
                .hasMessageContaining(admin + "maybe()")
                .hasMessageContaining(admin + "accept(" + ALPHA + ".orders.Order)")
                .message()
                .doesNotContain(admin + "internal()");
    }

    @Test
    void aServiceThatUsesOnlyItsOwnFeaturesAndTheSharedModulesPassesEveryRule() {
        assertThatCode(() -> {
                    ArchitectureRules.dependsOnNoOtherService(CLEAN).check(FIXTURES);
                    ArchitectureRules.webTouchesOnlyItsFeaturesRepositories(CLEAN)
                            .check(FIXTURES);
                    ArchitectureRules.noEntityInControllerSignatures(CLEAN).check(FIXTURES);
                })
                .doesNotThrowAnyException();
    }

    @Test
    void aFeatureIsThePackageAboveWeb() {
        assertThat(ArchitectureRules.featureOf("dev.berrys.project.approval.web"))
                .isEqualTo("dev.berrys.project.approval");
        assertThat(ArchitectureRules.featureOf("dev.berrys.integration.health"))
                .isEqualTo("dev.berrys.integration.health");
    }
}
