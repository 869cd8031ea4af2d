package dev.berrys.starter.test.model;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one fake model server of every module's tests: a local HTTP server speaking OpenAI's chat completions (what
 * model-orchestration serves and what a provider serves) or Anthropic's Messages API, plain JSON and streamed (SSE,
 * when the request asks for {@code stream}). Every request is recorded ({@link #requests()}).
 *
 * <p>What it answers is scripted with {@link Answer}s: {@link #then} queues answers for the next requests,
 * {@link #always} sets the one after the queue ({@link Answers#answer()} unless set: a tool call while tools are
 * offered and none has answered, else {@link #text(String) the text}). A server shared by many tests can be
 * {@link #keyedBy keyed by a header} (a project, a task): each key then has its own queue, fallback and record, and a
 * key without a script of its own gets the server's.
 *
 * <pre>{@code
 * var model = FakeModelServer.openAi().keyedBy("X-Berrys-Project-Id");
 * model.script(projectId, Answers.status(503), Answers.text("{\"tasks\": []}"));  // 503 once, then this
 * ... model.requests(projectId).getFirst().idempotencyKey() ...
 * }</pre>
 */
public final class FakeModelServer implements AutoCloseable {
    /** The API the server speaks. */
    public enum Wire {
        /** {@code POST /v1/chat/completions}; {@link #baseUrl()} ends in {@code /v1}, as OpenAI's does */
        OPENAI,
        /** {@code POST /v1/messages}; {@link #baseUrl()} is the root, as Anthropic's is */
        ANTHROPIC
    }

    /** One way to answer a request: writes the whole response to the {@link Reply}. */
    @FunctionalInterface
    public interface Answer {
        void respond(Reply reply) throws IOException, InterruptedException;
    }

    /** Picks the answer to a request from what it asks ({@link Request#call()} is the how-manieth of its key). */
    @FunctionalInterface
    public interface Script {
        Answer answer(Request request) throws Exception;
    }

    static {
        // as real model servers do: each streamed event leaves at once, not after the previous one's ACK
        // (the JDK server's default leaves Nagle on, 40 ms per small event)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // and keep-alive connections are kept: the JDK server closes any past 200 idle ones, which a real
        // provider does not do to a thousand clients at once
        System.setProperty("sun.net.httpserver.maxIdleConnections", "4000");
    }

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NO_KEY = "";

    private final HttpServer server;
    private final Wire wire;
    // a benchmark sends thousands of calls at once: recording one copies nothing and takes no lock
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, Deque<Answer>> queues = new ConcurrentHashMap<>();
    private final Map<String, Answer> fallbacks = new ConcurrentHashMap<>();
    private volatile @Nullable String keyHeader;
    private volatile String text = "fake answer";

    private FakeModelServer(Wire wire) {
        this.wire = wire;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** A server speaking OpenAI's chat completions, as model-orchestration and OpenAI-compatible providers do. */
    public static FakeModelServer openAi() {
        return new FakeModelServer(Wire.OPENAI);
    }

    /** A server speaking Anthropic's Messages API. */
    public static FakeModelServer anthropic() {
        return new FakeModelServer(Wire.ANTHROPIC);
    }

    public static FakeModelServer start(Wire wire) {
        return new FakeModelServer(wire);
    }

    public Wire wire() {
        return wire;
    }

    /** {@code http://127.0.0.1:<port>}: the root, as a service is configured with model-orchestration's URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The base URL a provider is configured with: with {@code /v1} for OpenAI, without for Anthropic. */
    public String baseUrl() {
        return url() + (wire == Wire.OPENAI ? "/v1" : "");
    }

    /** Scripts, fallbacks and records are kept per value of this request header from now on. */
    public FakeModelServer keyedBy(String header) {
        keyHeader = header;
        return this;
    }

    /** The text of the default answer ({@link Answers#answer()}). */
    public FakeModelServer text(String text) {
        this.text = text;
        return this;
    }

    public String text() {
        return text;
    }

    /** The next requests are answered these, in order (after those queued before). */
    public FakeModelServer then(Answer... answers) {
        return then(NO_KEY, answers);
    }

    /** The next requests of {@code key} are answered these, in order. */
    public FakeModelServer then(Object key, Answer... answers) {
        Deque<Answer> queue = queues.computeIfAbsent(key.toString(), k -> new ArrayDeque<>());
        synchronized (queue) {
            queue.addAll(Arrays.asList(answers));
        }
        return this;
    }

    /** Every request after the queue is answered {@code answer}; the queue is dropped. */
    public FakeModelServer always(Answer answer) {
        return always(NO_KEY, answer);
    }

    /** Every request of {@code key} after its queue is answered {@code answer}; its queue is dropped. */
    public FakeModelServer always(Object key, Answer answer) {
        queues.remove(key.toString());
        fallbacks.put(key.toString(), answer);
        return this;
    }

    /** {@code key}'s requests are answered these in order, the last one for every request after. */
    public FakeModelServer script(Object key, Answer... answers) {
        always(key, answers[answers.length - 1]);
        return then(key, Arrays.copyOf(answers, answers.length - 1));
    }

    /** Back to the default answer for every request, with nothing queued (keys' scripts included). */
    public FakeModelServer healthy() {
        queues.clear();
        fallbacks.clear();
        return this;
    }

    /** Every request received, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests of {@code key} (the value of the {@link #keyedBy} header), in order. */
    public List<Request> requests(Object key) {
        String k = key.toString();
        return requests.stream().filter(r -> r.key().equals(k)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] in = exchange.getRequestBody().readAllBytes();
            JsonNode body =
                    in.length == 0 ? JSON.createObjectNode() : JSON.readTree(new String(in, StandardCharsets.UTF_8));
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(
                            e -> e.getKey().toLowerCase(), e -> String.join(",", e.getValue()), (a, b) -> a));
            String header = keyHeader;
            String key = header == null ? NO_KEY : headers.getOrDefault(header.toLowerCase(), NO_KEY);
            int call = calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            Request request = new Request(exchange.getRequestURI().getPath(), headers, body, key, call);
            requests.add(request);
            next(key).respond(new Reply(this, exchange, request));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Answer next(String key) {
        for (String k : key.equals(NO_KEY) ? List.of(NO_KEY) : List.of(key, NO_KEY)) {
            Deque<Answer> queue = queues.get(k);
            if (queue != null) {
                synchronized (queue) {
                    Answer queued = queue.poll();
                    if (queued != null) {
                        return queued;
                    }
                }
            }
            Answer fallback = fallbacks.get(k);
            if (fallback != null) {
                return fallback;
            }
        }
        return Answers.answer();
    }
}
