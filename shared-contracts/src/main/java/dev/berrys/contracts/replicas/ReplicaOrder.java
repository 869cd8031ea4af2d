package dev.berrys.contracts.replicas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * In which order the replicas of one service are tried: each call starts at the next replica in turn, and a
 * replica that refused a connection lately is passed over for {@link #SKIP_REFUSED} (tried last, not never).
 * The gateway's routing filter and berrys-starter's {@code Replicas} (the services' HTTP clients) both use it.
 */
public final class ReplicaOrder {
    /** How long a replica that refused a connection is passed over (it is still tried when all refuse). */
    public static final Duration SKIP_REFUSED = Duration.ofSeconds(5);

    private final int size;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLongArray refusedUntil;
    private final LongSupplier nanoClock;

    public ReplicaOrder(int size, LongSupplier nanoClock) {
        if (size < 1) {
            throw new IllegalArgumentException("no replica");
        }
        this.size = size;
        this.refusedUntil = new AtomicLongArray(size);
        this.nanoClock = nanoClock;
    }

    public int size() {
        return size;
    }

    /** The replicas to try for one call, starting at the next in turn: those not lately refused first. */
    public List<Integer> next() {
        int start = Math.floorMod(next.getAndIncrement(), size);
        long now = nanoClock.getAsLong();
        List<Integer> live = new ArrayList<>();
        List<Integer> refused = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int replica = (start + i) % size;
            (refusedUntil.get(replica) - now > 0 ? refused : live).add(replica);
        }
        live.addAll(refused);
        return live;
    }

    /** {@code replica} refused a connection: it is passed over for {@link #SKIP_REFUSED}. */
    public void refused(int replica) {
        refusedUntil.set(replica, nanoClock.getAsLong() + SKIP_REFUSED.toNanos());
    }
}
