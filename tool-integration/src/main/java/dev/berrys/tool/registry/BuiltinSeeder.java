package dev.berrys.tool.registry;

import dev.berrys.tool.builtin.BuiltinTool;
import dev.berrys.tool.builtin.BuiltinTools;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives each tenant a row per built-in tool (so that it can switch one off), the first time this process
 * serves the tenant; an upsert on the unique (tenant, name), so replicas racing on it are harmless. A
 * changed description or schema in a new release replaces the stored one. The seeding commits on its own,
 * so that a caller's transaction rolling back (an unknown tool is a 404) cannot undo it; it is called before
 * the caller's transaction, never inside one, so that no request holds a connection while it waits for a
 * second (with as many requests as the pool has connections doing so, the pool would run dry).
 */
@Component
class BuiltinSeeder {
    private final JdbcTemplate jdbc;
    private final BuiltinTools builtins;
    private final JsonMapper json;
    private final TransactionTemplate ownTransaction;
    private final Set<String> seeded = ConcurrentHashMap.newKeySet();

    BuiltinSeeder(JdbcTemplate jdbc, BuiltinTools builtins, JsonMapper json, PlatformTransactionManager tm) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(tm);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.builtins = builtins;
        // sorted keys: the same schema always gives the same text, so a restart rewrites nothing
        this.json = json.rebuild()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
    }

    void ensure(String tenant) {
        if (seeded.contains(tenant)) {
            return;
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("built-in tools are seeded before a transaction, not inside one");
        }
        ownTransaction.executeWithoutResult(status -> upsert(tenant));
        seeded.add(tenant);
    }

    private void upsert(String tenant) {
        Timestamp now = Timestamp.from(Instant.now());
        for (BuiltinTool tool : builtins.all()) {
            jdbc.update(
                    """
                    insert into tool (id, tenant, name, description, parameters, source, enabled, status,
                                      created_at, updated_at, version)
                    values (?, ?, ?, ?, ?, 'BUILTIN', true, 'AVAILABLE', ?, ?, 0)
                    on conflict (tenant, name) do update
                      set description = excluded.description, parameters = excluded.parameters
                      where tool.source = 'BUILTIN'
                        and (tool.description <> excluded.description or tool.parameters <> excluded.parameters)
                    """,
                    UUID.randomUUID(),
                    tenant,
                    tool.name(),
                    tool.description(),
                    json.writeValueAsString(tool.parameters()),
                    now,
                    now);
        }
    }
}
