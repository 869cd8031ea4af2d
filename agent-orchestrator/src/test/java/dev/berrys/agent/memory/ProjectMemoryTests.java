package dev.berrys.agent.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProjectMemoryTests {
    @Test
    void aNoteIsTheOutputOnOneLineAndAtMost500Characters() {
        assertThat(ProjectMemory.noteOf("First line.\n\n  Second   line. ")).isEqualTo("First line. Second line.");
        String note = ProjectMemory.noteOf("word ".repeat(400));
        assertThat(note).hasSize(ProjectMemory.MAX_NOTE).endsWith("…");
    }
}
