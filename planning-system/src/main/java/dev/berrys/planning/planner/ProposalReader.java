package dev.berrys.planning.planner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.berrys.contracts.api.PlanProposal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a model's answer as a {@link PlanProposal}: well-formed JSON that matches
 * {@link PlanProposal#SCHEMA}. A Markdown code fence around the JSON is tolerated.
 */
final class ProposalReader {
    // the schema validator works on Jackson 2 trees; this mapper is used for nothing else
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(MAPPER.valueToTree(PlanProposal.SCHEMA));

    /** Either a proposal or why the answer is not one. */
    record Read(@Nullable PlanProposal proposal, List<String> errors) {}

    private ProposalReader() {}

    static Read read(@Nullable String content) {
        if (content == null || content.isBlank()) {
            return new Read(null, List.of("The answer is empty; it must be the plan as JSON."));
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(unfence(content));
        } catch (JsonProcessingException e) {
            return new Read(
                    null,
                    List.of("The answer is not valid JSON (" + e.getOriginalMessage()
                            + "); answer with the JSON object only."));
        }
        List<String> errors = SCHEMA.validate(tree).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .map(m -> "The JSON does not match the schema: " + m + ".")
                .toList();
        if (!errors.isEmpty()) {
            return new Read(null, errors);
        }
        try {
            return new Read(MAPPER.treeToValue(tree, PlanProposal.class), List.of());
        } catch (JsonProcessingException e) {
            return new Read(null, List.of("The JSON cannot be read as a plan: " + e.getOriginalMessage() + "."));
        }
    }

    private static String unfence(String content) {
        String s = content.strip();
        if (s.startsWith("```")) {
            int firstLine = s.indexOf('\n');
            int closing = s.lastIndexOf("```");
            if (firstLine > 0 && closing > firstLine) {
                return s.substring(firstLine + 1, closing);
            }
        }
        return s;
    }
}
