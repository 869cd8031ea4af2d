package dev.berrys.model.chat.web;

import dev.berrys.starter.calls.CallKeyTable;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The idempotency keys of chat calls ({@code chat_call_key}). A key is claimed by an insert that the
 * primary key (tenant, key) lets only one request win, before the call is routed; the winner stores the
 * answer exactly as it sends it. A request that finds the key answered gets those bytes again, with the
 * first call's id; one that finds it claimed waits for the answer, and takes the claim over only when its
 * holder let it go (the call failed: nothing was charged) or stopped renewing it: the instance holding a
 * key renews its claims every {@code BERRYS_MODEL_KEY_RENEW} (5 s) and a claim not renewed for
 * {@code BERRYS_MODEL_KEY_LEASE} (20 s) is free while the call runs, so the
 * claim of an instance that died (killed, crashed) is taken over within the lease, not after a caller's
 * whole read timeout. No transaction is held while waiting.
 */
@Component
class ChatCallKeys {
    /** How long a key is kept ({@link CallKeyTable#RETENTION}). */
    static final Duration RETENTION = CallKeyTable.RETENTION;

    private final JdbcTemplate jdbc;
    private final CallKeyTable keys;
    private final Duration lease;
    /** The calls this instance holds a key for and runs: their claims are renewed. */
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();

    ChatCallKeys(JdbcTemplate jdbc, @Value("${berrys.model.key-lease:${BERRYS_MODEL_KEY_LEASE:20s}}") Duration lease) {
        this.jdbc = jdbc;
        this.keys = new CallKeyTable(jdbc, "chat_call_key", "call_id");
        this.lease = lease;
    }

    /** Renews the claims of the calls this instance runs, so that only a dead holder's claim expires. */
    @Scheduled(fixedDelayString = "${berrys.model.key-renew:${BERRYS_MODEL_KEY_RENEW:PT5S}}")
    int renew() {
        if (held.isEmpty()) {
            return 0;
        }
        UUID[] ids = held.toArray(UUID[]::new);
        return jdbc.update(
                "update chat_call_key set claimed_at = now() where call_id = any(?) and answer is null", (Object) ids);
    }

    sealed interface Claim {}

    /** This request holds the key: its call runs under {@code callId}. */
    record Owned(UUID callId) implements Claim {}

    /**
     * The key's call was answered: its id, model, label and body as sent (for a streamed call, the events
     * it sent, {@code data: [DONE]} included).
     */
    record Answered(UUID callId, String model, boolean simulated, boolean streamed, String body) implements Claim {}

    Claim claim(String tenant, String key, UUID callId) {
        while (true) {
            int inserted = jdbc.update("""
                    insert into chat_call_key (tenant, idem_key, call_id, claimed_at)
                    values (?, ?, ?, now()) on conflict do nothing""", tenant, key, callId);
            if (inserted == 1) {
                held.add(callId);
                return new Owned(callId);
            }
            List<@Nullable Answered> rows = jdbc.query(
                    "select call_id, model_name, simulated, streamed, answer from chat_call_key"
                            + " where tenant = ? and idem_key = ?",
                    (rs, n) -> rs.getString("answer") == null
                            ? null
                            : new Answered(
                                    rs.getObject("call_id", UUID.class),
                                    rs.getString("model_name"),
                                    rs.getBoolean("simulated"),
                                    rs.getBoolean("streamed"),
                                    rs.getString("answer")),
                    tenant,
                    key);
            if (rows.isEmpty()) {
                continue; // let go in between: claim it again
            }
            if (rows.getFirst() != null) {
                return rows.getFirst();
            }
            int taken = jdbc.update("""
                    update chat_call_key set call_id = ?, claimed_at = now()
                    where tenant = ? and idem_key = ? and answer is null
                      and claimed_at < now() - make_interval(secs => ?)""", callId, tenant, key, lease.toMillis() / 1000.0);
            if (taken == 1) {
                held.add(callId);
                return new Owned(callId);
            }
            CallKeyTable.pause();
        }
    }

    /**
     * Stores the answer before it is sent (a streamed one before its last events), so that a caller who lost
     * it gets it again.
     */
    void answer(
            String tenant, String key, UUID callId, String model, boolean simulated, boolean streamed, String body) {
        held.remove(callId);
        jdbc.update("""
                update chat_call_key set model_name = ?, simulated = ?, streamed = ?, answer = ?, completed_at = now()
                where tenant = ? and idem_key = ? and call_id = ?""", model, simulated, streamed, body, tenant, key, callId);
    }

    /** Lets the key go when the call got no answer, so that a retry is routed again. */
    void release(String tenant, String key, UUID callId) {
        held.remove(callId);
        keys.release(tenant, key, callId);
    }

    /** Forgets keys claimed longer ago than {@link #RETENTION}; answers how many. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    int forgetOld() {
        return keys.forgetOld();
    }
}
