package dev.berrys.starter.test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.metaAnnotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The architecture rules every service follows, checked by each service's {@code ArchitectureTests}
 * against its own production classes:
 *
 * <ul>
 *   <li>a service depends on no other service's code: of Berrys' own classes it uses only its own,
 *       {@code shared-contracts}, {@code berrys-starter} and {@code berrys-crypto};
 *   <li>a feature's {@code web} package (and any controller) touches only the repositories of its own
 *       feature: another feature's data is reached through that feature's services;
 *   <li>no JPA entity appears in a request handler's signature (parameters or return type, type
 *       arguments included): requests and responses are records of their own.
 * </ul>
 */
public final class ArchitectureRules {
    static final Set<String> SHARED_MODULES = Set.of("dev.berrys.contracts", "dev.berrys.starter", "dev.berrys.crypto");
    private static final String ENTITY = "jakarta.persistence.Entity";
    private static final String SPRING_DATA_REPOSITORY = "org.springframework.data.repository.Repository";
    private static final String REPOSITORY_STEREOTYPE = "org.springframework.stereotype.Repository";
    private static final String CONTROLLER = "org.springframework.stereotype.Controller";
    private static final String REQUEST_MAPPING = "org.springframework.web.bind.annotation.RequestMapping";

    private ArchitectureRules() {}

    /** The production classes of the service whose base package this is (no tests, nothing from a jar). */
    public static JavaClasses importService(String basePackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(basePackage);
    }

    /** Of Berrys' classes, the service's own uses only its own and the shared modules'. */
    public static ArchRule dependsOnNoOtherService(String basePackage) {
        return noClasses()
                .that()
                .resideInAPackage(basePackage + "..")
                .should()
                .dependOnClassesThat(
                        new DescribedPredicate<JavaClass>("belong to another Berrys service (not " + basePackage
                                + ", shared-contracts, berrys-starter" + " or berrys-crypto)") {
                            @Override
                            public boolean test(JavaClass target) {
                                String pkg = target.getPackageName();
                                return within(pkg, "dev.berrys")
                                        && !within(pkg, basePackage)
                                        && SHARED_MODULES.stream().noneMatch(shared -> within(pkg, shared));
                            }
                        })
                .because("services share only shared-contracts, berrys-starter and berrys-crypto; anything else"
                        + " crosses through an API or an event");
    }

    /**
     * A class of a {@code web} package, or a controller, uses no repository of another feature. Its feature
     * is the package above {@code web} (a controller outside {@code web}: its own package).
     */
    public static ArchRule webTouchesOnlyItsFeaturesRepositories(String basePackage) {
        DescribedPredicate<JavaClass> webOrController =
                resideInAPackage(basePackage + "..web..").or(metaAnnotatedWith(CONTROLLER));
        return classes()
                .that(resideInAPackage(basePackage + "..").and(webOrController))
                .should(new ArchCondition<JavaClass>("use only the repositories of their own feature") {
                    @Override
                    public void check(JavaClass web, ConditionEvents events) {
                        String feature = featureOf(web.getPackageName());
                        for (Dependency dependency : web.getDirectDependenciesFromSelf()) {
                            JavaClass target = dependency.getTargetClass();
                            if (isRepository(target) && !within(target.getPackageName(), feature)) {
                                events.add(SimpleConditionEvent.violated(
                                        dependency,
                                        dependency.getDescription() + ": a repository of another feature than "
                                                + feature));
                            }
                        }
                    }
                });
    }

    /** No JPA entity as a parameter or in the return type of a request handler. */
    public static ArchRule noEntityInControllerSignatures(String basePackage) {
        return methods()
                .that()
                .areDeclaredInClassesThat()
                .resideInAPackage(basePackage + "..")
                .and()
                .areDeclaredInClassesThat()
                .areMetaAnnotatedWith(CONTROLLER)
                .and()
                .areMetaAnnotatedWith(REQUEST_MAPPING)
                .should(new ArchCondition<JavaMethod>("take and return no JPA entity") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        Stream.concat(
                                        method.getReturnType().getAllInvolvedRawTypes().stream(),
                                        method.getParameters().stream()
                                                .map(JavaParameter::getType)
                                                .flatMap(t -> t.getAllInvolvedRawTypes().stream()))
                                .filter(type -> type.isAnnotatedWith(ENTITY))
                                .distinct()
                                .forEach(entity -> events.add(SimpleConditionEvent.violated(
                                        method,
                                        method.getFullName() + " has the entity " + entity.getName()
                                                + " in its signature")));
                    }
                });
    }

    static boolean isRepository(JavaClass type) {
        return type.isAssignableTo(SPRING_DATA_REPOSITORY) || type.isAnnotatedWith(REPOSITORY_STEREOTYPE);
    }

    static String featureOf(String pkg) {
        int web = (pkg + ".").indexOf(".web.");
        return web < 0 ? pkg : pkg.substring(0, web);
    }

    private static boolean within(String pkg, String base) {
        return pkg.equals(base) || pkg.startsWith(base + ".");
    }
}
