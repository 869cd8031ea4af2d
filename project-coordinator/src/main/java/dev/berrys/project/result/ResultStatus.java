package dev.berrys.project.result;

/** Where a project's result synthesis is. */
enum ResultStatus {
    /** To synthesise (again): a replica picks it up after the commit, or the sweep after a crash. */
    PENDING,
    /** model-orchestration refused the call for the budget; resuming the project unblocks it. */
    BLOCKED,
    COMPLETED,
    /** The synthesis call failed past its retries; the project FAILED. Resuming it tries again. */
    FAILED,
    /** The project was finished otherwise (cancelled) before its result was made. */
    ABANDONED
}
