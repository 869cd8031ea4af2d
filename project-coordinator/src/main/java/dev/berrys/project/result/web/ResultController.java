package dev.berrys.project.result.web;

import dev.berrys.project.result.ArtifactView;
import dev.berrys.project.result.ResultService;
import dev.berrys.project.result.ResultView;
import dev.berrys.starter.web.PageResponse;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/projects/{id}")
class ResultController {
    private final ResultService results;

    ResultController(ResultService results) {
        this.results = results;
    }

    @GetMapping("/result")
    ResultView result(@PathVariable UUID id) {
        return results.result(id);
    }

    @GetMapping("/artifacts")
    PageResponse<ArtifactView> artifacts(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return results.artifacts(id, page, size);
    }

    @GetMapping("/artifacts/{artifactId}")
    ArtifactView artifact(@PathVariable UUID id, @PathVariable UUID artifactId) {
        return results.artifact(id, artifactId);
    }
}
