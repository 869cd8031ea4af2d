package dev.berrys.tool.net;

import dev.berrys.starter.net.AddressFilter;
import dev.berrys.starter.net.RefusedAddressException;
import dev.berrys.tool.config.ToolProperties;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Outgoing HTTP for tools: every URL (and every redirect target, followed by hand) passes the
 * {@link AddressFilter} before a byte is sent; connect and read timeouts; the body is cut at a cap.
 *
 * <p>The host is resolved for the check and again by the HTTP client, so a DNS answer that changes in
 * between (rebinding) is not caught; the allow-list and the short timeouts limit what that could reach.
 */
public final class SafeHttp {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final AddressFilter filter;
    private final ToolProperties.Http props;
    private final HttpClient client;

    public SafeHttp(AddressFilter filter, ToolProperties.Http props) {
        this.filter = filter;
        this.props = props;
        this.client = HttpClient.newBuilder()
                .connectTimeout(props.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public AddressFilter filter() {
        return filter;
    }

    /** GET, following at most {@code maxRedirects} redirects, each target checked like the first URL. */
    public Response get(URI uri, int maxBytes) throws RefusedAddressException, IOException, InterruptedException {
        URI current = uri;
        for (int hop = 0; ; hop++) {
            filter.check(current);
            HttpRequest request = request(current).GET().build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String location = response.headers().firstValue("Location").orElse(null);
            if (REDIRECTS.contains(response.statusCode()) && location != null) {
                response.body().close();
                if (hop >= props.maxRedirects()) {
                    throw new RefusedAddressException("Too many redirects (more than " + props.maxRedirects() + ").");
                }
                current = current.resolve(location.trim());
                continue;
            }
            return read(current, response, maxBytes, hop);
        }
    }

    /** POST a JSON body; redirects are not followed. */
    public Response postJson(URI uri, String json, int maxBytes)
            throws RefusedAddressException, IOException, InterruptedException {
        filter.check(uri);
        HttpRequest request = request(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return read(uri, client.send(request, HttpResponse.BodyHandlers.ofInputStream()), maxBytes, 0);
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(props.readTimeout())
                .header("User-Agent", "Berrys-Tools/0.1")
                .header("Accept", "*/*");
    }

    private Response read(URI uri, HttpResponse<InputStream> response, int maxBytes, int redirects) throws IOException {
        var out = new ByteArrayOutputStream();
        boolean truncated = false;
        try (InputStream in = response.body()) {
            // a body that stalls is cut off at the read timeout by closing its stream
            CompletableFuture.delayedExecutor(props.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> closeQuietly(in));
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                int room = maxBytes - out.size();
                if (n > room) {
                    out.write(buffer, 0, Math.max(room, 0));
                    truncated = true;
                    break;
                }
                out.write(buffer, 0, n);
            }
        }
        return new Response(
                uri,
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null),
                out.toByteArray(),
                truncated,
                redirects);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // already closed or broken: nothing to do
        }
    }

    /** A response as far as it was read. */
    public record Response(
            URI uri, int status, @Nullable String contentType, byte[] body, boolean truncated, int redirects) {

        /** Whether the body is text a model can read (text, JSON, XML, JavaScript, or no declared type). */
        public boolean isText() {
            if (contentType == null) {
                return true;
            }
            String type = contentType.toLowerCase(Locale.ROOT);
            return type.startsWith("text/")
                    || type.contains("json")
                    || type.contains("xml")
                    || type.contains("javascript")
                    || type.contains("x-www-form-urlencoded");
        }

        public String text() {
            return new String(body, charset());
        }

        private Charset charset() {
            if (contentType != null) {
                for (String part : contentType.split(";")) {
                    String p = part.trim();
                    if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                        try {
                            return Charset.forName(
                                    p.substring(8).replace("\"", "").trim());
                        } catch (RuntimeException e) {
                            return StandardCharsets.UTF_8;
                        }
                    }
                }
            }
            return StandardCharsets.UTF_8;
        }
    }
}
