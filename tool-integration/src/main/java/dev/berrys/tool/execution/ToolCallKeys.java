package dev.berrys.tool.execution;

import dev.berrys.contracts.api.ToolExecutionResult;
import dev.berrys.starter.calls.CallKeyTable;
import dev.berrys.starter.web.IdempotencyKeys;
import dev.berrys.starter.web.ProblemException;
import dev.berrys.tool.config.ToolProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The idempotency keys of tool executions ({@code tool_call_key}). A key is claimed by an insert that the
 * primary key (tenant, key) lets only one request win, before the tool runs; the winner completes it with
 * its answer in the transaction that records the execution. A request that finds the key answered gets
 * that answer; one that finds it claimed waits for the answer, and takes the claim over only when its
 * holder let it go (its call failed before the tool ran) or held it past {@code lease} (it died).
 * No statement here runs in a transaction that is held while waiting.
 */
@Component
class ToolCallKeys {
    /** How long a key is kept ({@link CallKeyTable#RETENTION}). */
    static final Duration RETENTION = CallKeyTable.RETENTION;

    private final JdbcTemplate jdbc;
    private final CallKeyTable keys;
    private final JsonMapper json;
    private final Duration lease;

    ToolCallKeys(JdbcTemplate jdbc, JsonMapper json, ToolProperties props) {
        this.jdbc = jdbc;
        this.keys = new CallKeyTable(jdbc, "tool_call_key", "claim_id");
        this.json = json;
        this.lease = props.idempotencyLease();
    }

    /** What a request holding a key may do: run the tool under its claim, or answer what was recorded. */
    sealed interface Claim {}

    record Owned(UUID claimId) implements Claim {}

    record Answered(ToolExecutionResult result) implements Claim {}

    private record Row(String tool, @Nullable String answer) {}

    Claim claim(String tenant, String key, String tool) {
        UUID claimId = UUID.randomUUID();
        while (true) {
            int inserted = jdbc.update("""
                    insert into tool_call_key (tenant, idem_key, tool, claim_id, claimed_at)
                    values (?, ?, ?, ?, now()) on conflict do nothing""", tenant, key, tool, claimId);
            if (inserted == 1) {
                return new Owned(claimId);
            }
            List<Row> rows = jdbc.query(
                    "select tool, answer from tool_call_key where tenant = ? and idem_key = ?",
                    (rs, n) -> new Row(rs.getString("tool"), rs.getString("answer")),
                    tenant,
                    key);
            if (rows.isEmpty()) {
                continue; // let go in between: claim it again
            }
            Row row = rows.getFirst();
            if (!row.tool().equals(tool)) {
                throw new ProblemException(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "idempotency-key-reused",
                        "This " + IdempotencyKeys.HEADER + " was used for another tool.",
                        Map.of("field", IdempotencyKeys.HEADER));
            }
            if (row.answer() != null) {
                // decimals as they were written, so that the answer repeats to the last digit
                return new Answered(json.readerFor(ToolExecutionResult.class)
                        .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                        .readValue(row.answer()));
            }
            int taken = jdbc.update("""
                    update tool_call_key set claim_id = ?, claimed_at = now()
                    where tenant = ? and idem_key = ? and answer is null
                      and claimed_at < now() - make_interval(secs => ?)""", claimId, tenant, key, lease.toMillis() / 1000.0);
            if (taken == 1) {
                return new Owned(claimId);
            }
            CallKeyTable.pause();
        }
    }

    /** Stores the answer; runs in the transaction that records the execution. */
    void complete(String tenant, String key, UUID claimId, ToolExecutionResult result) {
        jdbc.update("""
                update tool_call_key set record_id = ?, answer = ?, completed_at = now()
                where tenant = ? and idem_key = ? and claim_id = ?""", result.id(), json.writeValueAsString(result), tenant, key, claimId);
    }

    /** Lets the key go when the call failed before anything was recorded, so that a retry runs it. */
    void release(String tenant, String key, UUID claimId) {
        keys.release(tenant, key, claimId);
    }

    /** Forgets keys claimed longer ago than {@link #RETENTION}; answers how many. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    int forgetOld() {
        return keys.forgetOld();
    }
}
