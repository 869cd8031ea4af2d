package dev.berrys.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * The replicas of one service, from a comma-separated {@code BERRYS_*_URL}: requests take them in turn, and a
 * replica that refused a connection is passed over for {@link #SKIP_REFUSED} (tried last, not never).
 */
final class ReplicaSet {
    static final Duration SKIP_REFUSED = Duration.ofSeconds(5);

    private final List<URI> urls;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLongArray refusedUntil;
    private final LongSupplier nanoClock;

    ReplicaSet(String commaSeparated) {
        this(commaSeparated, System::nanoTime);
    }

    ReplicaSet(String commaSeparated, LongSupplier nanoClock) {
        this.urls = Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(URI::create)
                .toList();
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no URL in '" + commaSeparated + "'");
        }
        this.refusedUntil = new AtomicLongArray(urls.size());
        this.nanoClock = nanoClock;
    }

    URI first() {
        return urls.getFirst();
    }

    int size() {
        return urls.size();
    }

    URI get(int replica) {
        return urls.get(replica);
    }

    /** The replicas to try for one request: from the next in turn, those not lately refused first. */
    List<Integer> order() {
        int start = Math.floorMod(next.getAndIncrement(), urls.size());
        long now = nanoClock.getAsLong();
        List<Integer> live = new ArrayList<>();
        List<Integer> refused = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            int replica = (start + i) % urls.size();
            (refusedUntil.get(replica) - now > 0 ? refused : live).add(replica);
        }
        live.addAll(refused);
        return live;
    }

    void refused(int replica) {
        refusedUntil.set(replica, nanoClock.getAsLong() + SKIP_REFUSED.toNanos());
    }
}
