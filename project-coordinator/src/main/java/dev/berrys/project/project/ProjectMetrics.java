package dev.berrys.project.project;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code berrys.projects{status}}: projects per status, all tenants, counted at most every few seconds. */
@Component
class ProjectMetrics {
    private static final Duration FRESH = Duration.ofSeconds(5);

    private final Projects projects;
    private final TransactionTemplate tx;
    private volatile Map<ProjectStatus, Long> counts = Map.of();
    private volatile Instant countedAt = Instant.EPOCH;

    ProjectMetrics(Projects projects, TransactionTemplate tx, MeterRegistry registry) {
        this.projects = projects;
        this.tx = tx;
        for (ProjectStatus status : ProjectStatus.values()) {
            Gauge.builder("berrys.projects", this, m -> m.count(status))
                    .description("Projects per status")
                    .tag("status", status.name())
                    .register(registry);
        }
    }

    double count(ProjectStatus status) {
        if (Instant.now().isAfter(countedAt.plus(FRESH))) {
            refresh();
        }
        return counts.getOrDefault(status, 0L);
    }

    private synchronized void refresh() {
        if (!Instant.now().isAfter(countedAt.plus(FRESH))) {
            return;
        }
        Map<ProjectStatus, Long> fresh = new EnumMap<>(ProjectStatus.class);
        var rows = tx.execute(status -> projects.countByStatus());
        if (rows != null) {
            rows.forEach(row -> fresh.put((ProjectStatus) row[0], (Long) row[1]));
        }
        counts = fresh;
        countedAt = Instant.now();
    }
}
