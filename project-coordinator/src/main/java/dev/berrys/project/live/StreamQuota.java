package dev.berrys.project.live;

import java.util.HashMap;
import java.util.Map;

/** Counts the open streams per user and per tenant, so that neither can hold more than its share. */
final class StreamQuota {
    private final int perUser;
    private final int perTenant;
    private final Map<String, Integer> byUser = new HashMap<>();
    private final Map<String, Integer> byTenant = new HashMap<>();

    StreamQuota(int perUser, int perTenant) {
        this.perUser = perUser;
        this.perTenant = perTenant;
    }

    /** Takes one stream for {@code user} of {@code tenant}; false, and nothing taken, past either cap. */
    synchronized boolean tryAcquire(String tenant, String user) {
        String userKey = tenant + '\u0000' + user;
        if (byUser.getOrDefault(userKey, 0) >= perUser || byTenant.getOrDefault(tenant, 0) >= perTenant) {
            return false;
        }
        byUser.merge(userKey, 1, Integer::sum);
        byTenant.merge(tenant, 1, Integer::sum);
        return true;
    }

    synchronized void release(String tenant, String user) {
        byUser.computeIfPresent(tenant + '\u0000' + user, (k, n) -> n <= 1 ? null : n - 1);
        byTenant.computeIfPresent(tenant, (k, n) -> n <= 1 ? null : n - 1);
    }

    synchronized int open(String tenant) {
        return byTenant.getOrDefault(tenant, 0);
    }
}
