package dev.berrys.agent.client;

import dev.berrys.agent.AgentProperties;
import dev.berrys.contracts.api.BerrysHeaders;
import dev.berrys.contracts.api.ChatCompletionRequest.ToolDefinition;
import dev.berrys.contracts.api.ToolExecutionRequest;
import dev.berrys.contracts.api.ToolExecutionResult;
import dev.berrys.starter.calls.OutagePolicy;
import dev.berrys.starter.calls.OutagePolicy.OutageOutlasted;
import dev.berrys.starter.calls.OutagePolicy.Waiting;
import dev.berrys.starter.security.ServiceClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tool-integration: the definitions of its tools (cached per tenant for {@code tool-cache-ttl}) and their
 * execution. A tool that fails, or cannot be reached, is an outcome the model reads, not an exception.
 */
@Component
public class ToolClient {
    private static final Logger log = LoggerFactory.getLogger(ToolClient.class);
    private static final Duration RETRY_UNAVAILABLE = Duration.ofSeconds(5);
    static final String DEPENDENCY = "tool-integration";

    private final RestClient http;
    private final JsonMapper json;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final ReentrantLock refresh = new ReentrantLock();

    private final OutagePolicy outages;

    ToolClient(ServiceClients clients, AgentProperties props, JsonMapper json, OutagePolicy outages) {
        this.http = clients.create(props.toolUrl(), props.toolTimeout());
        this.outages = outages;
        this.json = json;
        this.ttl = props.toolCacheTtl();
    }

    private record Cached(Map<String, ToolDefinition> tools, Instant until) {}

    /** What a tool execution gave: the text the model reads, and for the step a summary and any error. */
    public record ToolOutcome(String content, @Nullable String error) {}

    /**
     * The enabled tools among {@code allowed}, as OpenAI function definitions, for {@code tenant} (whose
     * token the call carries: the caller binds it with {@code Tenants.runAs}).
     */
    public List<ToolDefinition> definitions(String tenant, List<String> allowed) {
        if (allowed.isEmpty()) {
            return List.of();
        }
        Map<String, ToolDefinition> all = catalog(tenant);
        List<ToolDefinition> out = new ArrayList<>();
        for (String name : allowed) {
            ToolDefinition d = all.get(name);
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    private Map<String, ToolDefinition> catalog(String tenant) {
        Cached cached = cache.get(tenant);
        if (cached != null && Instant.now().isBefore(cached.until())) {
            return cached.tools();
        }
        // one fetch when many executions start at once; the others wait for it
        refresh.lock();
        try {
            cached = cache.get(tenant);
            if (cached != null && Instant.now().isBefore(cached.until())) {
                return cached.tools();
            }
            Cached fresh;
            try {
                fresh = new Cached(fetch(), Instant.now().plus(ttl));
            } catch (RestClientException e) {
                if (Thread.currentThread().isInterrupted()) {
                    // this execution is being stopped: no reason to make the others go without tools
                    return cached == null ? Map.of() : cached.tools();
                }
                log.warn("tool-integration unavailable, agents run without tools for now: {}", e.toString());
                fresh = new Cached(
                        cached == null ? Map.of() : cached.tools(),
                        Instant.now().plus(RETRY_UNAVAILABLE));
            }
            cache.put(tenant, fresh);
            return fresh.tools();
        } finally {
            refresh.unlock();
        }
    }

    private Map<String, ToolDefinition> fetch() {
        JsonNode body = http.get()
                .uri("/api/tools?size=500")
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(JsonNode.class);
        Map<String, ToolDefinition> tools = new LinkedHashMap<>();
        if (body == null) {
            return tools;
        }
        // a page ({"content": [...]}) or a plain array
        JsonNode items = body.isArray() ? body : body.path("content");
        for (JsonNode tool : items) {
            String name = tool.path("name").asString("");
            if (name.isBlank() || !tool.path("enabled").asBoolean(true)) {
                continue;
            }
            JsonNode parameters = tool.path("parameters");
            Map<String, Object> schema = parameters.isObject()
                    ? json.convertValue(parameters, new TypeReference<Map<String, Object>>() {})
                    : Map.of("type", "object", "properties", Map.of());
            tools.put(
                    name, ToolDefinition.function(name, tool.path("description").asString(""), schema));
        }
        return tools;
    }

    /**
     * Executes a tool; {@code arguments} is the JSON text the model wrote. While tool-integration is
     * unavailable the {@link OutagePolicy} waits for it (telling {@code waiting}); a tool's own failure,
     * a refused call, or an outage longer than the tolerance is an outcome the model reads. Every try sends
     * {@code idempotencyKey} (execution, step and call), as does the same call after a restart, so that a
     * tool that already ran is answered from tool-integration's record and does not run again.
     */
    public ToolOutcome execute(
            String tool,
            String arguments,
            UUID projectId,
            UUID taskId,
            UUID executionId,
            String idempotencyKey,
            Waiting waiting)
            throws InterruptedException {
        Map<String, Object> args;
        try {
            args = arguments.isBlank()
                    ? Map.of()
                    : json.readValue(arguments, new TypeReference<Map<String, Object>>() {});
        } catch (RuntimeException e) {
            return failed("the arguments are not a JSON object: " + ModelClient.rootMessage(e));
        }
        try {
            @Nullable
            ToolExecutionResult result = outages.call(DEPENDENCY, waiting, () -> http.post()
                    .uri("/api/tools/{name}/execute", tool)
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(BerrysHeaders.IDEMPOTENCY_KEY, idempotencyKey)
                    .body(new ToolExecutionRequest(args, projectId, taskId, executionId))
                    .retrieve()
                    .body(ToolExecutionResult.class));
            if (result == null) {
                return failed("the tool answered with an empty body");
            }
            if (ToolExecutionResult.SUCCEEDED.equals(result.status())) {
                return new ToolOutcome(text(result.result()), null);
            }
            return failed(result.error() == null ? "the tool failed" : result.error());
        } catch (OutageOutlasted e) {
            return failed("the tool could not be reached: " + e.getMessage());
        } catch (RestClientResponseException e) {
            return failed("the tool call was refused (" + e.getStatusCode().value() + "): " + detail(e));
        } catch (RestClientException e) {
            ModelClient.throwIfInterrupted();
            return failed("the tool could not be reached: " + ModelClient.rootMessage(e));
        }
    }

    private String text(@Nullable Object result) {
        if (result == null) {
            return "";
        }
        return result instanceof String s ? s : json.writeValueAsString(result);
    }

    private String detail(RestClientResponseException e) {
        try {
            JsonNode problem = json.readTree(e.getResponseBodyAsString());
            if (problem.hasNonNull("detail")) {
                return problem.get("detail").asString();
            }
        } catch (RuntimeException notJson) {
            // use the status text
        }
        return e.getStatusText();
    }

    private static ToolOutcome failed(String error) {
        return new ToolOutcome("ERROR: " + error, error);
    }
}
