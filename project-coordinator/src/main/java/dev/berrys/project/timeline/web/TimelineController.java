package dev.berrys.project.timeline.web;

import dev.berrys.project.project.ProjectQueries;
import dev.berrys.project.timeline.Timeline;
import dev.berrys.project.timeline.TimelineEntry;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.PageRequests;
import dev.berrys.starter.web.PageResponse;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TimelineController {
    private final Timeline timeline;
    private final ProjectQueries projects;

    TimelineController(Timeline timeline, ProjectQueries projects) {
        this.timeline = timeline;
        this.projects = projects;
    }

    /** The project's stored events, oldest first. */
    @GetMapping("/api/projects/{id}/timeline")
    PageResponse<TimelineEntry> timeline(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        PageRequests.of(page, size, Sort.unsorted());
        String tenant = Tenants.require();
        projects.get(tenant, id);
        return timeline.page(tenant, id, page, size);
    }
}
