package dev.berrys.starter.calls;

import dev.berrys.contracts.replicas.ReplicaOrder;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
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
 * {@link ReplicaOrder#SKIP_REFUSED} and the call goes to the next one (the order is shared-contracts'
 * {@link ReplicaOrder}, as in the gateway). When every replica refuses, the last refusal is
 * thrown, which {@link OutagePolicy} treats as an outage. With one URL it does nothing.
 */
public final class Replicas implements ClientHttpRequestInterceptor {
    private static final Logger log = LoggerFactory.getLogger(Replicas.class);

    private final List<String> bases;
    private final ReplicaOrder order;

    public Replicas(String baseUrls) {
        this(baseUrls, System::nanoTime);
    }

    Replicas(String baseUrls, LongSupplier nanoClock) {
        this.bases = parse(baseUrls);
        this.order = new ReplicaOrder(bases.size(), nanoClock);
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
        for (int replica : order.next()) {
            try {
                return execution.execute(at(request, URI.create(bases.get(replica) + rest)), body);
            } catch (IOException e) {
                if (!isRefused(e)) {
                    throw e;
                }
                order.refused(replica);
                log.info("replica {} refused the connection; trying another", bases.get(replica));
                refused = e;
            }
        }
        throw refused;
    }

    /** The replicas to try for the next call. */
    List<Integer> order() {
        return order.next();
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
