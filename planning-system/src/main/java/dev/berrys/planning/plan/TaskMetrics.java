package dev.berrys.planning.plan;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** {@code berrys.tasks{status}}: how many tasks are in each status, recounted periodically. */
@Component
class TaskMetrics {
    private static final Logger log = LoggerFactory.getLogger(TaskMetrics.class);

    private final Tasks tasks;
    private final MultiGauge gauge;

    TaskMetrics(Tasks tasks, MeterRegistry meters) {
        this.tasks = tasks;
        this.gauge = MultiGauge.builder("berrys.tasks")
                .description("Tasks by status")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${berrys.tasks.metrics-refresh-ms:10000}")
    void refresh() {
        try {
            Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
            for (TaskStatus s : TaskStatus.values()) {
                counts.put(s, 0L);
            }
            tasks.countByStatus().forEach(c -> counts.put(c.getStatus(), c.getCount()));
            gauge.register(
                    counts.entrySet().stream()
                            .map(e -> MultiGauge.Row.of(
                                    Tags.of("status", e.getKey().name()), e.getValue()))
                            .toList(),
                    true);
        } catch (RuntimeException e) {
            log.warn("counting tasks for metrics failed: {}", e.toString());
        }
    }
}
