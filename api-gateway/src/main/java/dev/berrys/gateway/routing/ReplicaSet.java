package dev.berrys.gateway.routing;

import dev.berrys.contracts.replicas.ReplicaOrder;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The replicas of one service, from a comma-separated {@code BERRYS_*_URL}: requests take them in turn, and a
 * replica that refused a connection is passed over for {@link ReplicaOrder#SKIP_REFUSED} (tried last, not never).
 * The order is shared-contracts' {@link ReplicaOrder}, as in the services' clients (berrys-starter's
 * {@code Replicas}).
 */
final class ReplicaSet {
    private final List<URI> urls;
    private final ReplicaOrder order;

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
        this.order = new ReplicaOrder(urls.size(), nanoClock);
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
        return order.next();
    }

    void refused(int replica) {
        order.refused(replica);
    }
}
