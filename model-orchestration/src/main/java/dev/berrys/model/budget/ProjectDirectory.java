package dev.berrys.model.budget;

import dev.berrys.starter.security.ServiceClients;
import dev.berrys.starter.web.ProblemException;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Whether a project is the caller's, asked of project-coordinator (which owns projects) with the caller's own
 * token, so that the answer is exactly what the caller may see there.
 */
@Component
class ProjectDirectory {
    private final RestClient projects;

    ProjectDirectory(ServiceClients clients, @Value("${BERRYS_PROJECT_URL:http://127.0.0.1:8081}") String projectUrl) {
        this.projects = clients.create(projectUrl, Duration.ofSeconds(5));
    }

    /** True where the caller's token sees the project; 503 where project-coordinator cannot answer. */
    boolean visibleTo(String callerToken, UUID projectId) {
        try {
            projects.get()
                    .uri("/api/projects/{id}", projectId)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + callerToken)
                    .retrieve()
                    .toBodilessEntity();
            return true;
        } catch (HttpClientErrorException.NotFound | HttpClientErrorException.Forbidden notTheirs) {
            return false;
        } catch (RestClientException e) {
            throw new ProblemException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "project-service-unavailable",
                    "Projects cannot be looked up now; retry shortly.",
                    java.util.Map.of());
        }
    }
}
