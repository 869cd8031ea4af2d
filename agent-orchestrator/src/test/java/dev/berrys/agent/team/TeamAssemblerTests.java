package dev.berrys.agent.team;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TeamAssemblerTests {
    @Test
    void anAgentIsNamedAfterItsRole() {
        assertThat(TeamAssembler.displayName("researcher")).isEqualTo("Researcher");
        assertThat(TeamAssembler.displayName("data-analyst")).isEqualTo("DataAnalyst");
        assertThat(TeamAssembler.displayName("qa_lead")).isEqualTo("QaLead");
        assertThat(TeamAssembler.displayName("-")).isEqualTo("Agent");
    }
}
