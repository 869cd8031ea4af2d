package dev.berrys.agent.execution;

import dev.berrys.agent.AgentProperties;
import dev.berrys.agent.execution.Checkpoints.Resume;
import dev.berrys.agent.memory.ProjectMemory;
import dev.berrys.agent.memory.ProjectMemory.Note;
import dev.berrys.agent.team.AgentDirectory;
import dev.berrys.agent.team.AgentInfo;
import dev.berrys.agent.template.TemplateCatalog;
import dev.berrys.agent.template.TemplateSpec;
import dev.berrys.contracts.events.AgentEvents.ExecutionCancelled;
import dev.berrys.contracts.events.AgentEvents.ExecutionStarted;
import dev.berrys.contracts.events.TaskOutput;
import dev.berrys.starter.events.EventPublisher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts PENDING executions, many in one transaction: fixes each one's template settings and prompts,
 * marks it RUNNING and publishes {@code execution.started}; one of a cancelled project is cancelled instead.
 */
@Component
class ExecutionStarts {
    private final Executions executions;
    private final AgentDirectory agents;
    private final TemplateCatalog templates;
    private final ProjectMemory memory;
    private final EventPublisher events;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final int memoryNotes;

    ExecutionStarts(
            Executions executions,
            AgentDirectory agents,
            TemplateCatalog templates,
            ProjectMemory memory,
            EventPublisher events,
            JdbcTemplate jdbc,
            JsonMapper json,
            AgentProperties props) {
        this.executions = executions;
        this.agents = agents;
        this.templates = templates;
        this.memory = memory;
        this.events = events;
        this.jdbc = jdbc;
        this.json = json;
        this.memoryNotes = props.memoryNotes();
    }

    /**
     * Starts those of {@code ids} that are PENDING and not being started by another transaction; returns
     * what the loop needs to run each one now RUNNING.
     */
    @Transactional
    public List<Resume> start(Collection<UUID> ids) {
        List<Execution> pending = executions.lockWithStatus(ids, ExecutionStatus.PENDING);
        if (pending.isEmpty()) {
            return List.of();
        }
        Set<UUID> cancelled = cancelledAmong(pending);
        Map<UUID, AgentInfo> team =
                agents.byIds(pending.stream().map(Execution::agentId).collect(Collectors.toSet()));
        Map<UUID, TemplateSpec> byId = templates.byIds(
                team.values().stream().map(AgentInfo::templateId).collect(Collectors.toSet()));
        Map<String, List<Note>> notes = new HashMap<>();
        Map<String, TemplateSpec> byRole = new HashMap<>();
        List<Resume> started = new ArrayList<>();
        for (Execution e : pending) {
            if (cancelled.contains(e.projectId())) {
                e.cancel("project cancelled");
                events.publish(e.id(), new ExecutionCancelled(e.id(), e.taskId(), e.projectId()), e.tenant());
                continue;
            }
            AgentInfo agent = team.get(e.agentId());
            TemplateSpec template = agent != null && byId.containsKey(agent.templateId())
                    ? byId.get(agent.templateId())
                    : byRole.computeIfAbsent(e.tenant() + "/" + e.role(), k -> templates.forRole(e.tenant(), e.role()));
            String name = agent != null ? agent.name() : template.name();
            List<Note> projectNotes = notes.computeIfAbsent(
                    e.tenant() + "/" + e.projectId(), k -> memory.recent(e.tenant(), e.projectId(), memoryNotes));
            String system = Prompts.system(template, name, e.role(), template.maxSteps());
            String user = Prompts.user(e.goal(), e.title(), e.description(), dependencies(e), projectNotes, e.taskId());
            e.start(template.id(), template.model(), template.maxSteps(), template.tools(), system, user);
            events.publish(
                    e.id(),
                    new ExecutionStarted(e.id(), e.taskId(), e.projectId(), e.agentId(), e.attempt()),
                    e.tenant());
            started.add(Checkpoints.fresh(e));
        }
        return started;
    }

    List<TaskOutput> dependencies(Execution e) {
        List<TaskOutput> outputs = json.readValue(e.dependencyOutputs(), new TypeReference<List<TaskOutput>>() {});
        return outputs.stream().filter(Objects::nonNull).toList();
    }

    private Set<UUID> cancelledAmong(List<Execution> pending) {
        Set<UUID> projects = new HashSet<>();
        pending.forEach(e -> projects.add(e.projectId()));
        Set<UUID> out = new HashSet<>();
        jdbc.query(
                con -> {
                    var ps =
                            con.prepareStatement("select project_id from cancelled_project where project_id = any (?)");
                    ps.setArray(1, con.createArrayOf("uuid", projects.toArray()));
                    return ps;
                },
                rs -> {
                    out.add(rs.getObject(1, UUID.class));
                });
        return out;
    }
}
