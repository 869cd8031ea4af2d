package dev.berrys.model.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.berrys.contracts.api.AskHuman;
import dev.berrys.contracts.api.PlanProposal;
import dev.berrys.contracts.api.PlanProposal.ProposedTask;
import dev.berrys.contracts.api.PromptSections;
import dev.berrys.model.chat.ChatRequest;
import dev.berrys.model.chat.ChatResult;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SimulatedModelTests {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Set<String> ROLES = Set.of("coordinator", "researcher", "developer", "writer", "reviewer");
    final SimulatedModel model = new SimulatedModel(JSON);

    @Test
    void planTitlesReadAsInstructionsWithoutDoubledVerbs() {
        PlanProposal plan =
                plan("Goal: Plan a weekend hackathon for 40 students, estimate the cost and build a signup form");
        assertThat(plan.tasks())
                .extracting(ProposedTask::title)
                .contains(
                        "Plan a weekend hackathon for 40 students",
                        "Estimate the cost",
                        "Build a signup form",
                        "Review the report")
                .noneMatch(t -> t.matches("(?i)^(research|develop an approach for) (plan|estimate|build)\\b.*"));
        assertThat(plan("Goal: the history of tea").tasks())
                .extracting(ProposedTask::title)
                .contains("Research the history of tea");
    }

    @Test
    void aNormalGoalGetsAtLeastThreeTasksWithDependenciesAndAParallelBranch() {
        PlanProposal plan = plan("Goal: Compare three note-taking apps and build a small import script");

        assertThat(plan.tasks()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(plan.tasks()).allSatisfy(t -> assertThat(ROLES).contains(t.role()));
        List<ProposedTask> roots =
                plan.tasks().stream().filter(t -> t.dependsOn().isEmpty()).toList();
        assertThat(roots).as("independent branches that can run in parallel").hasSizeGreaterThanOrEqualTo(2);
        ProposedTask writer = task(plan, "writer");
        assertThat(writer.dependsOn()).containsExactlyInAnyOrderElementsOf(keys(roots));
        assertThat(task(plan, "reviewer").dependsOn()).containsExactly(writer.key());
        assertThat(roots).extracting(ProposedTask::role).contains("developer", "researcher");
        assertAcyclicWithKnownKeys(plan);
    }

    @Test
    void theGoalsPartsDecideHowManyBranchesThereAre() {
        PlanProposal two = plan("Goal: survey solar panels; estimate the costs");
        PlanProposal four = plan("Goal: research tea, research coffee, research cocoa and then write a comparison");

        assertThat(roots(two)).hasSize(2);
        assertThat(roots(four)).hasSize(4);
        assertThat(four.tasks()).extracting(ProposedTask::title).anyMatch(t -> t.contains("cocoa"));
        assertThat(plan("Goal: survey solar panels; estimate the costs"))
                .as("deterministic")
                .isEqualTo(two);
    }

    @Test
    void aSingleGoalWithoutLabelsStillPlansParallelWork() {
        PlanProposal plan = plan("Summarise the history of the printing press");
        assertThat(plan.tasks()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(roots(plan)).hasSize(2);
        assertThat(plan.tasks().getFirst().title()).contains("printing press");
    }

    @Test
    void theTasksMarkerGivesThatManyIndependentTasksOrAChain() {
        PlanProposal wide = plan("Goal: benchmark run [tasks=200]");
        assertThat(wide.tasks()).hasSize(200);
        assertThat(wide.tasks()).allSatisfy(t -> assertThat(t.dependsOn()).isEmpty());
        assertThat(wide.tasks().stream().map(ProposedTask::key).collect(Collectors.toSet()))
                .hasSize(200);

        PlanProposal chain = plan("Goal: chained run [tasks=5,chain]");
        assertThat(chain.tasks()).hasSize(5);
        assertThat(chain.tasks().get(0).dependsOn()).isEmpty();
        for (int i = 1; i < 5; i++) {
            assertThat(chain.tasks().get(i).dependsOn())
                    .containsExactly(chain.tasks().get(i - 1).key());
        }
    }

    @Test
    void everyPlanIsValidAgainstThePlanSchema() {
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(PlanProposal.SCHEMA));
        for (String goal : List.of(
                "Goal: build a website, write docs and deploy it",
                "Goal: x",
                "Goal: [tasks=50]",
                "Goal: [tasks=3,chain]")) {
            ChatResult result = model.answer(planRequest(goal), "plan");
            var errors = schema.validate(result.content(), com.networknt.schema.InputFormat.JSON);
            assertThat(errors).as(goal).isEmpty();
        }
    }

    @Test
    void feedbackFromARejectedPlanAddsAReviewTaskThatMentionsIt() {
        var request = new ChatRequest(
                "auto",
                List.of(
                        user("Goal: plan a garden party"),
                        assistant("{\"tasks\":[]}"),
                        user("Reviewer feedback: include a budget for the catering")),
                null,
                null,
                planFormat(),
                null,
                null,
                null,
                null,
                null);
        PlanProposal plan = JSON.readValue(model.answer(request, null).content(), PlanProposal.class);
        assertThat(plan.tasks()).anySatisfy(t -> assertThat(t.description()).contains("budget for the catering"));
        assertThat(plan.tasks().getFirst().title()).contains("garden party");
    }

    @Test
    void aTaskThatNeedsAToolCallsItWithArgumentsThatFitItsSchema() {
        var calculator = tool(
                "calculator",
                Map.of(
                        "type", "object",
                        "properties", Map.of("expression", Map.of("type", "string")),
                        "required", List.of("expression")));
        var request = taskRequest(
                List.of(user("Task: Estimate the cost of the launch\nDescription: compute the total")),
                List.of(calculator, tool("http_get", Map.of("type", "object"))));

        ChatResult result = model.answer(request, "task");

        assertThat(result.finishReason()).isEqualTo("tool_calls");
        assertThat(result.content()).isNull();
        assertThat(result.toolCalls()).hasSize(1);
        var call = result.toolCalls().getFirst();
        assertThat(call.function().name()).isEqualTo("calculator");
        JsonNode args = JSON.readTree(call.function().arguments());
        assertThat(args.get("expression").asString()).matches("\\(\\d+ \\+ \\d+\\) \\* \\d+");
        assertThat(call.id()).startsWith("call_");
    }

    @Test
    void afterAToolResultTheTaskGetsAFinalAnswerQuotingItAndItsDependencies() {
        var first = taskRequest(
                List.of(user("Task: Write the report\nDescription: draft the document\n\n"
                        + "Dependency outputs:\n## Research tea\nTea is grown in Assam.\n")),
                List.of(tool(
                        "workspace_write",
                        Map.of(
                                "type",
                                "object",
                                "properties",
                                Map.of("name", Map.of("type", "string"), "content", Map.of("type", "string"))))));
        ChatResult call = model.answer(first, "task");
        assertThat(call.toolCalls())
                .singleElement()
                .satisfies(c -> assertThat(c.function().name()).isEqualTo("workspace_write"));
        JsonNode args = JSON.readTree(call.toolCalls().getFirst().function().arguments());
        assertThat(args.get("name").asString()).isEqualTo("write-the-report.md");
        assertThat(args.get("content").asString()).contains("Tea is grown in Assam");

        List<ChatRequest.Message> messages = new java.util.ArrayList<>(first.messageList());
        messages.add(new ChatRequest.Message("assistant", null, call.toolCalls(), null, null));
        messages.add(new ChatRequest.Message(
                "tool",
                JSON.getNodeFactory().stringNode("{\"saved\":\"write-the-report.md\"}"),
                null,
                call.toolCalls().getFirst().id(),
                null));
        ChatResult answer = model.answer(taskRequest(messages, first.toolList()), "task");

        assertThat(answer.finishReason()).isEqualTo("stop");
        assertThat(answer.toolCalls()).isEmpty();
        assertThat(answer.content())
                .contains("Write the report")
                .contains("Tea is grown in Assam")
                .contains("saved");
    }

    @Test
    void theAskMarkerMakesTheAgentAskAPersonOnceAndQuoteTheAnswer() {
        var askHuman = tool(
                AskHuman.TOOL,
                Map.of(
                        "type", "object",
                        "properties", Map.of("question", Map.of("type", "string")),
                        "required", List.of("question")));
        var calculator = tool("calculator", Map.of("type", "object"));
        var first = taskRequest(
                List.of(user(PromptSections.GOAL + " Plan the launch " + AskHuman.MARKER + "\n\n" + PromptSections.TASK
                        + " Estimate the cost of the launch\n\n" + PromptSections.CLOSING)),
                List.of(calculator, askHuman));

        ChatResult asked = model.answer(first, "task");

        assertThat(asked.finishReason()).isEqualTo("tool_calls");
        var call = asked.toolCalls().getFirst();
        assertThat(call.function().name()).isEqualTo(AskHuman.TOOL);
        JsonNode args = JSON.readTree(call.function().arguments());
        assertThat(args.get(AskHuman.QUESTION).asString()).contains("Estimate the cost of the launch");
        assertThat(args.get(AskHuman.OPTIONS).valueStream().map(JsonNode::asString))
                .containsExactlyElementsOf(SimulatedAgent.ASK_OPTIONS);

        List<ChatRequest.Message> messages = new java.util.ArrayList<>(first.messageList());
        messages.add(new ChatRequest.Message("assistant", null, asked.toolCalls(), null, null));
        messages.add(new ChatRequest.Message(
                "tool",
                JSON.getNodeFactory().stringNode(AskHuman.ANSWER_PREFIX + "the detailed version"),
                null,
                call.id(),
                null));
        ChatResult answer = model.answer(taskRequest(messages, first.toolList()), "task");

        // asked once: the answer is used, no second question and no other tool
        assertThat(answer.finishReason()).isEqualTo("stop");
        assertThat(answer.content()).contains("A person's answer: the detailed version");
        // without the marker, or without ask_human offered, nobody is asked
        var unmarked = taskRequest(
                List.of(user(PromptSections.TASK + " Estimate the cost of the launch")), List.of(calculator, askHuman));
        assertThat(model.answer(unmarked, "task")
                        .toolCalls()
                        .getFirst()
                        .function()
                        .name())
                .isEqualTo("calculator");
        var notOffered = taskRequest(first.messageList(), List.of(calculator));
        assertThat(model.answer(notOffered, "task")
                        .toolCalls()
                        .getFirst()
                        .function()
                        .name())
                .isEqualTo("calculator");
    }

    @Test
    void aTaskWithoutAToolNeedAnswersAtOnceAndIsDeterministic() {
        var request = taskRequest(
                List.of(user("Task: Research tea\nDescription: collect the key facts")),
                List.of(tool("calculator", Map.of("type", "object"))));
        ChatResult one = model.answer(request, "task");
        ChatResult two = model.answer(request, "task");
        assertThat(one.toolCalls()).isEmpty();
        assertThat(one.content()).contains("Research tea").isEqualTo(two.content());
        assertThat(one.inputTokens()).isPositive();
        assertThat(one.outputTokens()).isCloseTo(one.content().length() / 4, org.assertj.core.data.Offset.offset(3L));
    }

    @Test
    void aSynthesisQuotesEveryTaskTitle() {
        var request = taskRequest(
                List.of(user("Goal: compare tea and coffee\n\n## Research tea\nTea is grown in Assam.\n\n"
                        + "## Research coffee\nCoffee grows in Brazil.\n\n## Write the report\nBoth are popular.")),
                List.of());
        String summary = model.answer(request, "synthesis").content();
        assertThat(summary)
                .contains("\"Research tea\"")
                .contains("\"Research coffee\"")
                .contains("\"Write the report\"")
                .contains("Coffee grows in Brazil")
                .contains("compare tea and coffee");
    }

    @Test
    void anotherJsonSchemaGetsAnInstanceOfIt() {
        Map<String, Object> schema = Map.of(
                "type", "object",
                "properties",
                        Map.of(
                                "score", Map.of("type", "integer", "minimum", 1, "maximum", 5),
                                "verdict", Map.of("type", "string", "enum", List.of("accept", "reject")),
                                "notes", Map.of("type", "array", "items", Map.of("type", "string"))),
                "required", List.of("score", "verdict", "notes"));
        var request = new ChatRequest(
                "auto",
                List.of(user("Task: grade it")),
                null,
                null,
                new ChatRequest.ResponseFormat(
                        "json_schema", new ChatRequest.JsonSchema("grade", JSON.valueToTree(schema), true)),
                null,
                null,
                null,
                null,
                null);
        JsonNode answer = JSON.readTree(model.answer(request, null).content());
        assertThat(answer.get("score").asInt()).isBetween(1, 5);
        assertThat(answer.get("verdict").asString()).isEqualTo("accept");
        assertThat(answer.get("notes").isArray()).isTrue();
    }

    @Test
    void thePlannersOwnPromptFormatsCarryGoalAndFeedback() {
        var request =
                planRequest("Goal: plan a garden party\n\nA reviewer rejected the previous plan with this feedback: "
                        + "add a rain plan\nMake a new plan for the same goal that takes the feedback into account.");
        PlanProposal plan = JSON.readValue(model.answer(request, "plan").content(), PlanProposal.class);
        assertThat(plan.tasks().getFirst().title()).contains("garden party");
        assertThat(plan.tasks()).anySatisfy(t -> assertThat(t.description()).contains("add a rain plan"));
    }

    @Test
    void theAgentsPromptFormatGivesTitleDescriptionAndDependencyOutputs() {
        String prompt = PromptSectionsTests.agentPrompt(
                "compare tea and coffee",
                "Develop an approach for brewing",
                "Develop an approach for brewing: outline the solution and estimate the effort in hours",
                List.of(
                        "Research tea (researcher)\nTea is grown in Assam.",
                        "Research coffee (researcher)\nCoffee grows in Brazil."),
                List.of());
        var calculator = tool(
                "calculator", Map.of("type", "object", "properties", Map.of("expression", Map.of("type", "string"))));
        ChatResult call = model.answer(taskRequest(List.of(user(prompt)), List.of(calculator)), "task");
        assertThat(call.toolCalls())
                .singleElement()
                .satisfies(c -> assertThat(c.function().name()).isEqualTo("calculator"));

        List<ChatRequest.Message> messages = new java.util.ArrayList<>(List.of(user(prompt)));
        messages.add(new ChatRequest.Message("assistant", null, call.toolCalls(), null, null));
        messages.add(new ChatRequest.Message(
                "tool",
                JSON.getNodeFactory().stringNode("42"),
                null,
                call.toolCalls().getFirst().id(),
                null));
        String answer =
                model.answer(taskRequest(messages, List.of(calculator)), "task").content();
        assertThat(answer)
                .startsWith("## Develop an approach for brewing")
                .contains("Tea is grown in Assam")
                .contains("Coffee grows in Brazil")
                .doesNotContain(PromptSections.CLOSING);
    }

    @Test
    void theSynthesisPromptFormatOfProjectCoordinatorIsQuotedByTitle() {
        var request = taskRequest(
                List.of(
                        user("Goal: compare tea and coffee"),
                        user(
                                "Task \"Research tea\" (role: researcher) produced:\n## Research tea\n\nTea is grown in Assam."),
                        user("Task \"Research coffee\" (role: researcher) produced:\nCoffee grows in Brazil.")),
                List.of());
        String summary = model.answer(request, "synthesis").content();
        assertThat(summary)
                .contains("\"Research tea\": \"Tea is grown in Assam.\"")
                .contains("\"Research coffee\": \"Coffee grows in Brazil.\"")
                .contains("2 task outputs");
    }

    // helpers

    PlanProposal plan(String goal) {
        return JSON.readValue(model.answer(planRequest(goal), "plan").content(), PlanProposal.class);
    }

    static ChatRequest planRequest(String goal) {
        return new ChatRequest(
                "auto",
                List.of(ChatRequestMessages.system("You plan."), user(goal)),
                null,
                null,
                planFormat(),
                null,
                null,
                null,
                null,
                null);
    }

    static ChatRequest.ResponseFormat planFormat() {
        return new ChatRequest.ResponseFormat(
                "json_schema",
                new ChatRequest.JsonSchema(PlanProposal.SCHEMA_NAME, JSON.valueToTree(PlanProposal.SCHEMA), true));
    }

    static ChatRequest taskRequest(List<ChatRequest.Message> messages, List<ChatRequest.Tool> tools) {
        return new ChatRequest("auto", messages, tools, null, null, null, null, null, null, null);
    }

    static ChatRequest.Tool tool(String name, Map<String, Object> parameters) {
        return new ChatRequest.Tool(
                "function", new ChatRequest.Function(name, "the " + name + " tool", JSON.valueToTree(parameters)));
    }

    static ChatRequest.Message user(String text) {
        return ChatRequestMessages.user(text);
    }

    static ChatRequest.Message assistant(String text) {
        return new ChatRequest.Message("assistant", JSON.getNodeFactory().stringNode(text), null, null, null);
    }

    static final class ChatRequestMessages {
        static ChatRequest.Message user(String text) {
            return new ChatRequest.Message("user", JSON.getNodeFactory().stringNode(text), null, null, null);
        }

        static ChatRequest.Message system(String text) {
            return new ChatRequest.Message("system", JSON.getNodeFactory().stringNode(text), null, null, null);
        }
    }

    static ProposedTask task(PlanProposal plan, String role) {
        return plan.tasks().stream()
                .filter(t -> t.role().equals(role))
                .findFirst()
                .orElseThrow();
    }

    static List<ProposedTask> roots(PlanProposal plan) {
        return plan.tasks().stream().filter(t -> t.dependsOn().isEmpty()).toList();
    }

    static List<String> keys(List<ProposedTask> tasks) {
        return tasks.stream().map(ProposedTask::key).toList();
    }

    static void assertAcyclicWithKnownKeys(PlanProposal plan) {
        Set<String> seen = new HashSet<>();
        for (ProposedTask t : plan.tasks()) {
            assertThat(seen).as("dependencies of %s come earlier", t.key()).containsAll(t.dependsOn());
            assertThat(seen.add(t.key())).as("unique key %s", t.key()).isTrue();
        }
    }
}
