package dev.berrys.agent.template.web;

import dev.berrys.agent.template.TemplateAdministration.NewTemplate;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A new template. {@code role} is lower case (letters, digits, {@code -}, {@code _}); {@code tools} are
 * tool-integration tool names; {@code model} defaults to {@code auto}, {@code maxSteps} to 6.
 */
record CreateTemplateRequest(
        @NotBlank @Size(max = 100) String name,

        @NotBlank
        @Pattern(regexp = "[a-z][a-z0-9_-]{0,49}", message = "must be lower case letters, digits, - or _ (at most 50)")
        String role,

        @Size(max = 500) @Nullable String description,
        @NotBlank @Size(max = 8000) String systemPrompt,

        @Size(max = 32) @Nullable
        List<@NotBlank @Pattern(regexp = "[A-Za-z0-9_.:-]{1,100}", message = "must be a tool name") String> tools,

        @Size(max = 100) @Pattern(regexp = "\\S+", message = "must not contain spaces") @Nullable
        String model,

        @Min(1) @Max(50) @Nullable Integer maxSteps) {

    NewTemplate toNewTemplate() {
        return new NewTemplate(
                name.strip(),
                role,
                description == null ? "" : description.strip(),
                systemPrompt.strip(),
                tools == null ? List.of() : tools.stream().distinct().toList(),
                model == null || model.isBlank() ? "auto" : model,
                maxSteps == null ? 6 : maxSteps);
    }
}
