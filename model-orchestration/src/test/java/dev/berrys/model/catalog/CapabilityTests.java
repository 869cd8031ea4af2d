package dev.berrys.model.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berrys.starter.web.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Capabilities are an enum in the code and the same lower-case names in the API and the rows. */
class CapabilityTests {
    private final Capability.Column column = new Capability.Column();

    @Test
    void theColumnHoldsTheNamesSortedAndJoinedAsBefore() {
        assertThat(column.convertToDatabaseColumn(
                        List.of(Capability.TOOLS, Capability.CHAT, Capability.STREAMING, Capability.JSON_SCHEMA)))
                .isEqualTo("chat,json_schema,streaming,tools");
        assertThat(column.convertToEntityAttribute("chat,json_schema,streaming,tools"))
                .containsExactly(Capability.CHAT, Capability.JSON_SCHEMA, Capability.STREAMING, Capability.TOOLS);
        assertThat(column.convertToEntityAttribute("")).isEmpty();
    }

    @Test
    void theApiTakesAndAnswersTheLowerCaseNames() {
        var json = JsonMapper.builder().build();

        assertThat(json.writeValueAsString(List.of(Capability.JSON_SCHEMA, Capability.VISION)))
                .isEqualTo("[\"json_schema\",\"vision\"]");
        assertThat(Capability.parse(List.of("json_schema", "chat")))
                .containsExactly(Capability.JSON_SCHEMA, Capability.CHAT);
    }

    @Test
    void aNameThatIsNoCapabilityIsABadRequestOnTheField() {
        assertThatThrownBy(() -> Capability.parse(List.of("chat", "telepathy")))
                .isInstanceOf(ProblemException.BadRequest.class)
                .hasMessageContaining(
                        "Field 'capabilities' may hold only [chat, json_schema, streaming, tools, vision]");
    }
}
