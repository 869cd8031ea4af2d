package dev.berrys.model.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.contracts.api.PromptSections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulated model reads agent-orchestrator's task prompt by shared-contracts' {@link PromptSections} markers
 * (agent-orchestrator's PromptsTests checks that its prompt has this layout). Fails when what the simulated model
 * looks for drifts from the markers.
 */
class PromptSectionsTests {

    /** A task prompt in agent-orchestrator's layout; each dependency is "title (role)\noutput". */
    static String agentPrompt(
            String goal, String title, String description, List<String> dependencies, List<String> memory) {
        StringBuilder out = new StringBuilder();
        out.append(PromptSections.GOAL).append(' ').append(goal).append("\n\n");
        out.append(PromptSections.TASK).append(' ').append(title).append('\n');
        out.append(description).append('\n');
        if (!dependencies.isEmpty()) {
            out.append('\n').append(PromptSections.DEPENDENCIES).append('\n');
            dependencies.forEach(d -> out.append('\n')
                    .append(PromptSections.DEPENDENCY_HEADING)
                    .append(d)
                    .append('\n'));
        }
        if (!memory.isEmpty()) {
            out.append('\n').append(PromptSections.MEMORY).append('\n');
            memory.forEach(n -> out.append("- ").append(n).append('\n'));
        }
        return out.append('\n').append(PromptSections.CLOSING).toString();
    }

    @Test
    void theTaskMarkerIsOneOfTheTitleLabels() {
        assertThat(SimulatedAgent.TITLE_LABELS).contains(Prompts.label(PromptSections.TASK));
        assertThat(Prompts.labelled(PromptSections.TASK + " Write the API", SimulatedAgent.TITLE_LABELS))
                .contains("Write the API");
    }

    @Test
    void theDependenciesStartAtTheirMarkerAndEndAtTheMemoryOrTheClosing() {
        assertThat(SimulatedAgent.DEPENDENCIES
                        .matcher(PromptSections.DEPENDENCIES)
                        .find())
                .isTrue();
        assertThat(SimulatedAgent.STOP.matcher(PromptSections.MEMORY).find()).isTrue();
        assertThat(SimulatedAgent.STOP.matcher(PromptSections.CLOSING).find()).isTrue();
    }

    @Test
    void thePromptGivesTitleDescriptionAndEachDependencyButNoMemoryNote() {
        String prompt = agentPrompt(
                "Ship a weather app",
                "Write the API",
                "Describe each endpoint.",
                List.of("Gather data (researcher)\nDATA-1 and DATA-2", "Pick a host (engineer)\nHOST-1"),
                List.of("Pick a stack (coordinator): Java 25"));
        var request = SimulatedModelTests.taskRequest(List.of(SimulatedModelTests.user(prompt)), List.of());

        assertThat(SimulatedAgent.title(request)).isEqualTo("Write the API");
        assertThat(SimulatedAgent.taskText(request)).isEqualTo("Write the API\nDescribe each endpoint.\n");
        assertThat(Prompts.blocksAfter(prompt, SimulatedAgent.DEPENDENCIES, SimulatedAgent.STOP))
                .containsExactly(
                        PromptSections.DEPENDENCY_HEADING + "Gather data (researcher) DATA-1 and DATA-2",
                        PromptSections.DEPENDENCY_HEADING + "Pick a host (engineer) HOST-1");
    }
}
