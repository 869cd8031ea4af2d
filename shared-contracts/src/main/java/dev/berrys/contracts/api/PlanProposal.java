package dev.berrys.contracts.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * The JSON a planning model returns (schema {@link #SCHEMA}, name {@link #SCHEMA_NAME}). Tasks refer to
 * each other by {@code key}; planning-system validates the graph and gives the tasks their ids.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlanProposal(List<ProposedTask> tasks) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProposedTask(String key, String title, String description, String role, List<String> dependsOn) {}

    public static final String SCHEMA_NAME = "berrys_plan";

    /** JSON Schema of the answer, sent as {@code response_format.json_schema.schema}. */
    public static final Map<String, Object> SCHEMA = Map.of(
            "type",
            "object",
            "additionalProperties",
            false,
            "required",
            List.of("tasks"),
            "properties",
            Map.of(
                    "tasks",
                    Map.of(
                            "type",
                            "array",
                            "minItems",
                            1,
                            "items",
                            Map.of(
                                    "type",
                                    "object",
                                    "additionalProperties",
                                    false,
                                    "required",
                                    List.of("key", "title", "description", "role", "dependsOn"),
                                    "properties",
                                    Map.of(
                                            "key", Map.of("type", "string"),
                                            "title", Map.of("type", "string"),
                                            "description", Map.of("type", "string"),
                                            "role", Map.of("type", "string"),
                                            "dependsOn",
                                                    Map.of("type", "array", "items", Map.of("type", "string")))))));
}
