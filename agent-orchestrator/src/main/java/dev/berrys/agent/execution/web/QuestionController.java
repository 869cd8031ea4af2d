package dev.berrys.agent.execution.web;

import dev.berrys.agent.execution.QuestionAnswers;
import dev.berrys.agent.execution.QuestionAnswers.QuestionView;
import dev.berrys.agent.execution.QuestionStatus;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.PageRequests;
import dev.berrys.starter.web.PageResponse;
import dev.berrys.starter.web.ProblemException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The questions agents asked a person ({@code ask_human}), and their answers. */
@RestController
@RequestMapping("/api/questions")
class QuestionController {
    private final QuestionAnswers questions;

    QuestionController(QuestionAnswers questions) {
        this.questions = questions;
    }

    /** The body of an answer. */
    record AnswerRequest(@Nullable String answer) {}

    /** Questions of the tenant, of a project and in a status where given, oldest first. */
    @GetMapping
    PageResponse<QuestionView> list(
            @RequestParam(required = false) @Nullable UUID projectId,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        var request = PageRequests.of(page, size, Sort.by("createdAt", "id"));
        return PageResponse.of(questions.list(Tenants.require(), projectId, status(status), request), q -> q);
    }

    @GetMapping("/{id}")
    QuestionView get(@PathVariable UUID id) {
        return questions.get(Tenants.require(), id);
    }

    /** Answers the question; the agent's execution runs on with the answer. */
    @PostMapping("/{id}/answer")
    QuestionView answer(@PathVariable UUID id, @RequestBody(required = false) @Nullable AnswerRequest body) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String by = auth == null ? "unknown" : auth.getName();
        return questions.answer(Tenants.require(), id, body == null ? null : body.answer(), by);
    }

    private static @Nullable QuestionStatus status(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return QuestionStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException.BadRequest(
                    "status", "'status' must be one of " + Arrays.toString(QuestionStatus.values()) + ".");
        }
    }
}
