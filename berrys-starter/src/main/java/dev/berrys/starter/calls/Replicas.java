package dev.berrys.starter.calls;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;

/**
 * The replicas of a service named by a comma-separated base URL ({@code BERRYS_TOOL_URL=http://a:8085,http://b:9085}),
 * so that a stack of several replicas needs no load balancer. Each call goes to the next replica in turn;
 * a replica that refuses the connection (nothing was sent, so any call may go elsewhere) is skipped for
 * {@link #SKIP_REFUSED} and the call goes to the next one. When every replica refuses, the last refusal is
 * thrown, which {@link OutagePolicy} treats as an outage. With one URL it does nothing.
 */
public final class Replicas implements ClientHttpRequestInterceptor {
    private static final Logger log = LoggerFactory.getLogger(Replicas.class);

    /** How long a replica that refused a connection is passed over (it is still tried when all refuse). */
    public static final Duration SKIP_REFUSED = Duration.ofSeconds(5);

    private final List<String> bases;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLongArray refusedUntil;
    private final LongSupplier nanoClock;

    public Replicas(String baseUrls) {
        this(baseUrls, System::nanoTime);
    }

    Replicas(String baseUrls, LongSupplier nanoClock) {
        this.bases = parse(baseUrls);
        this.refusedUntil = new AtomicLongArray(bases.size());
        this.nanoClock = nanoClock;
    }

    /** The base URLs of a comma-separated setting, blanks and trailing slashes removed. */
    public static List<String> parse(String baseUrls) {
        List<String> urls = Arrays.stream(baseUrls.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
                .toList();
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no base URL in '" + baseUrls + "'");
        }
        urls.forEach(URI::create);
        return urls;
    }

    /** The URL a client is built with: the first replica's; calls are moved to the chosen one. */
    public String first() {
        return bases.getFirst();
    }

    public List<String> all() {
        return bases;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        String url = request.getURI().toString();
        if (bases.size() == 1 || !url.startsWith(first())) {
            return execution.execute(request, body);
        }
        String rest = url.substring(first().length());
        @Nullable IOException refused = null;
        for (int replica : order()) {
            try {
                return execution.execute(at(request, URI.create(bases.get(replica) + rest)), body);
            } catch (IOException e) {
                if (!isRefused(e)) {
                    throw e;
                }
                refusedUntil.set(replica, nanoClock.getAsLong() + SKIP_REFUSED.toNanos());
                log.info("replica {} refused the connection; trying another", bases.get(replica));
                refused = e;
            }
        }
        throw refused;
    }

    /** The replicas to try, starting at the next in turn: those not lately refused first, then the others. */
    List<Integer> order() {
        int start = Math.floorMod(next.getAndIncrement(), bases.size());
        long now = nanoClock.getAsLong();
        List<Integer> live = new ArrayList<>();
        List<Integer> refused = new ArrayList<>();
        for (int i = 0; i < bases.size(); i++) {
            int replica = (start + i) % bases.size();
            (refusedUntil.get(replica) - now > 0 ? refused : live).add(replica);
        }
        live.addAll(refused);
        return live;
    }

    private static HttpRequest at(HttpRequest request, URI uri) {
        return new HttpRequestWrapper(request) {
            @Override
            public URI getURI() {
                return uri;
            }
        };
    }

    /** The request never left: the connection was refused, or the replica's name does not resolve (any more). */
    private static boolean isRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }
}
