package dev.berrys.tool.workspace;

import dev.berrys.tool.builtin.BuiltinTool;
import dev.berrys.tool.builtin.ToolCall;
import dev.berrys.tool.builtin.ToolFailure;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/** The built-in tools {@code workspace_write}, {@code workspace_read} and {@code workspace_list}. */
@Configuration(proxyBeanMethods = false)
class WorkspaceTools {
    private static final Map<String, Object> NAME = Map.of(
            "type",
            "string",
            "minLength",
            1,
            "maxLength",
            WorkspaceNames.MAX_LENGTH,
            "pattern",
            WorkspaceNames.PATTERN,
            "description",
            "letters, digits, '.', '_', '-' and '/', e.g. reports/summary.md");

    @Bean
    BuiltinTool workspaceWrite(Workspace workspace) {
        return new Simple(
                "workspace_write",
                "Writes a named text artifact to the project's workspace (a new version when the name exists).",
                Map.of(
                        "type",
                        "object",
                        "properties",
                        Map.of(
                                "name",
                                NAME,
                                "content",
                                Map.of("type", "string", "maxLength", Workspace.MAX_CONTENT_BYTES)),
                        "required",
                        List.of("name", "content"),
                        "additionalProperties",
                        false),
                call -> workspace.write(
                        call.tenant(), project(call), call.requiredString("name"), call.requiredString("content")));
    }

    @Bean
    BuiltinTool workspaceRead(Workspace workspace) {
        return new Simple(
                "workspace_read",
                "Reads the latest version of a named artifact from the project's workspace.",
                Map.of(
                        "type",
                        "object",
                        "properties",
                        Map.of("name", NAME),
                        "required",
                        List.of("name"),
                        "additionalProperties",
                        false),
                call -> {
                    String name = call.requiredString("name");
                    String problem = WorkspaceNames.problem(name);
                    if (problem != null) {
                        throw new ToolFailure(problem);
                    }
                    return workspace
                            .read(call.tenant(), project(call), name, null)
                            .orElseThrow(() -> new ToolFailure("No file named '" + name + "' in the workspace."));
                });
    }

    @Bean
    BuiltinTool workspaceList(Workspace workspace) {
        return new Simple(
                "workspace_list",
                "Lists the artifacts in the project's workspace (latest version of each).",
                Map.of("type", "object", "properties", Map.of(), "additionalProperties", false),
                call -> Map.of(
                        "files",
                        workspace
                                .list(call.tenant(), project(call), PageRequest.of(0, 500, Sort.unsorted()))
                                .getContent()));
    }

    private static UUID project(ToolCall call) {
        if (call.projectId() == null) {
            throw new ToolFailure("The workspace tools need a projectId in the execution request.");
        }
        return call.projectId();
    }

    private record Simple(
            String name,
            String description,
            Map<String, Object> parameters,
            java.util.function.Function<ToolCall, Object> body)
            implements BuiltinTool {
        @Override
        public Object execute(ToolCall call) {
            return body.apply(call);
        }
    }
}
