package dev.berrys.planning.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.contracts.api.PlanProposal;
import dev.berrys.contracts.api.PlanProposal.ProposedTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanValidatorTests {
    final PlanValidator validator =
            new PlanValidator(List.of("coordinator", "researcher", "developer", "writer", "reviewer"), 5);

    @Test
    void aSoundPlanHasNoErrors() {
        var plan = plan(task("a", "researcher"), task("b", "Developer"), task("c", "writer", "a", "b"));

        assertThat(validator.validate(plan)).isEmpty();
        assertThat(PlanValidator.graph(plan).dependsOn()).containsExactly(List.of(), List.of(), List.of(0, 1));
    }

    @Test
    void anEmptyPlanIsRefused() {
        assertThat(validator.validate(new PlanProposal(List.of())))
                .containsExactly("The plan has no tasks; it needs at least 1.");
    }

    @Test
    void tooManyTasksAreRefused() {
        List<ProposedTask> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tasks.add(task("t" + i, "writer"));
        }
        assertThat(validator.validate(new PlanProposal(tasks)))
                .containsExactly("The plan has 6 tasks; at most 5 are allowed.");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThat(validator.validate(plan(task("a", "writer"), task("a", "reviewer"))))
                .containsExactly("Task key 'a' is used by more than one task; keys must be unique.");
    }

    @Test
    void aDependencyOnAnUnknownKeyIsRefused() {
        assertThat(validator.validate(plan(task("a", "writer", "ghost"))))
                .containsExactly("Task 'a' depends on 'ghost', which is not a task key of the plan.");
    }

    @Test
    void aSelfDependencyIsRefused() {
        assertThat(validator.validate(plan(task("a", "writer", "a")))).containsExactly("Task 'a' depends on itself.");
    }

    @Test
    void aCycleIsRefusedAndNamed() {
        var errors = validator.validate(plan(
                task("a", "writer", "c"), task("b", "writer", "a"), task("c", "writer", "b"), task("d", "writer")));

        assertThat(errors).hasSize(1);
        assertThat(errors.getFirst()).contains("cycle", "'a' → 'c' → 'b' → 'a'");
    }

    @Test
    void anUnknownRoleIsRefusedWithTheKnownOnes() {
        assertThat(validator.validate(plan(task("a", "astronaut"))))
                .containsExactly("Task 'a' has the unknown role 'astronaut'; use one of coordinator, researcher,"
                        + " developer, writer, reviewer.");
    }

    @Test
    void textsOverTheLimitsAreRefused() {
        var longTitle = new ProposedTask("a", "t".repeat(201), "ok", "writer", List.of());
        var longDescription = new ProposedTask("b", "ok", "d".repeat(4_001), "writer", List.of());
        var exact = new ProposedTask("c", "t".repeat(200), "d".repeat(4_000), "writer", List.of());

        assertThat(validator.validate(new PlanProposal(List.of(longTitle, longDescription, exact))))
                .containsExactly(
                        "Task 'a' has a title of 201 characters; at most 200 are allowed.",
                        "Task 'b' has a description of 4001 characters; at most 4000 are allowed.");
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        var errors = validator.validate(plan(task("a", "pilot", "a"), task("", "writer"), task("b", "writer", "zz")));

        assertThat(errors)
                .containsExactlyInAnyOrder(
                        "Task 'a' has the unknown role 'pilot'; use one of coordinator, researcher, developer,"
                                + " writer, reviewer.",
                        "Task #2 has an empty key.",
                        "Task 'a' depends on itself.",
                        "Task 'b' depends on 'zz', which is not a task key of the plan.");
    }

    static PlanProposal plan(ProposedTask... tasks) {
        return new PlanProposal(List.of(tasks));
    }

    static ProposedTask task(String key, String role, String... dependsOn) {
        return new ProposedTask(key, "Title " + key, "Do " + key, role, List.of(dependsOn));
    }
}
