package dev.berrys.planning.planner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProposalReaderTests {

    @Test
    void aWellFormedAnswerIsReadIntoAProposal() {
        var read = ProposalReader.read("""
                {"tasks":[{"key":"a","title":"A","description":"do a","role":"writer","dependsOn":[]},
                          {"key":"b","title":"B","description":"do b","role":"reviewer","dependsOn":["a"]}]}""");

        assertThat(read.errors()).isEmpty();
        assertThat(read.proposal()).isNotNull();
        assertThat(read.proposal().tasks()).hasSize(2);
        assertThat(read.proposal().tasks().get(1).dependsOn()).containsExactly("a");
    }

    @Test
    void aMarkdownFenceAroundTheJsonIsTolerated() {
        var read = ProposalReader.read(
                "```json\n{\"tasks\":[{\"key\":\"a\",\"title\":\"A\",\"description\":\"d\",\"role\":\"writer\","
                        + "\"dependsOn\":[]}]}\n```");

        assertThat(read.errors()).isEmpty();
        assertThat(read.proposal().tasks().getFirst().key()).isEqualTo("a");
    }

    @Test
    void textThatIsNotJsonIsAnError() {
        var read = ProposalReader.read("Here is the plan: first research, then write.");

        assertThat(read.proposal()).isNull();
        assertThat(read.errors()).singleElement().asString().contains("not valid JSON");
    }

    @Test
    void anEmptyAnswerIsAnError() {
        assertThat(ProposalReader.read("  ").errors())
                .singleElement()
                .asString()
                .contains("empty");
        assertThat(ProposalReader.read(null).errors()).hasSize(1);
    }

    @Test
    void jsonThatBreaksTheSchemaNamesWhatIsWrong() {
        var read = ProposalReader.read(
                "{\"tasks\":[{\"key\":\"a\",\"title\":\"A\",\"description\":\"d\",\"dependsOn\":\"b\",\"extra\":1}]}");

        assertThat(read.proposal()).isNull();
        assertThat(String.join("\n", read.errors())).contains("role", "dependsOn", "extra");
    }

    @Test
    void noTasksAtAllBreaksTheSchema() {
        var read = ProposalReader.read("{\"tasks\":[]}");

        assertThat(read.proposal()).isNull();
        assertThat(read.errors()).isNotEmpty();
    }
}
