package dev.berrys.integration.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berrys.contracts.events.AgentRef;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The workflow's team and roles are typed, and their columns hold the same JSON text as before. */
class JsonColumnsTests {
    private final UUID agent = UUID.fromString("6f1c2b4e-9d1a-4c55-8a0e-2f7b3c9d1e11");
    private final String stored = "[{\"agentId\":\"" + agent + "\",\"role\":\"developer\",\"name\":\"Ada\"}]";

    @Test
    void aTeamIsStoredAsTheJsonArrayOfItsAgents() {
        var team = new JsonColumns.Team();

        assertThat(team.convertToDatabaseColumn(List.of(new AgentRef(agent, "developer", "Ada"))))
                .isEqualTo(stored);
        assertThat(team.convertToEntityAttribute(stored)).containsExactly(new AgentRef(agent, "developer", "Ada"));
        assertThat(team.convertToDatabaseColumn(null)).isNull();
        assertThat(team.convertToEntityAttribute(null)).isNull();
    }

    @Test
    void rolesAreStoredAsAJsonArrayOfStrings() {
        var roles = new JsonColumns.Roles();

        assertThat(roles.convertToDatabaseColumn(List.of("developer", "tester")))
                .isEqualTo("[\"developer\",\"tester\"]");
        assertThat(roles.convertToEntityAttribute("[\"developer\",\"tester\"]")).containsExactly("developer", "tester");
    }
}
