package dev.berrys.project.project;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a project is in its life. COMPLETED, FAILED and CANCELLED are final: nothing more happens on its
 * own. A person may still resume a FAILED one.
 */
public enum ProjectStatus {
    DRAFT,
    PLANNING,
    AWAITING_APPROVAL,
    RUNNING,
    PAUSED,
    COMPLETED,
    FAILED,
    CANCELLED;

    static final Set<ProjectStatus> PAUSABLE = EnumSet.of(PLANNING, RUNNING, AWAITING_APPROVAL);

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
