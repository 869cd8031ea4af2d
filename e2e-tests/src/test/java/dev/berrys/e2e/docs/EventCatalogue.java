package dev.berrys.e2e.docs;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every event, read from the sources: the catalogue in shared-contracts (each payload record's
 * {@code @Event(type, stream)}), the services that publish it ({@code publish(…, new Payload(…))}, whose stream
 * must be the declared one), and the {@code @OnEvent} handlers that consume it (by their payload parameter, or the
 * payload class the annotation names for a handler that reads JSON).
 */
final class EventCatalogue {
    static final String CONTRACT_EVENTS = "dev.berrys.contracts.events.";
    private static final Pattern SCHEMA =
            Pattern.compile("(?m)^berrys:\\s*\\n\\s+service:\\s*\\n\\s+schema:\\s*(\\S+)");

    /** An event as its payload record declares it; {@code payload} as in {@code ProjectEvents.Created}. */
    record Declared(String type, String stream, String payload) {}

    /** A handler of {@code payload} (as in {@code ProjectEvents.Created}), reading it as {@code parameter}. */
    record Handler(String module, String payload, String handler, String parameter) {}

    record Event(String type, String stream, List<String> producers, String payload, List<Handler> consumers) {}

    final List<Event> events = new ArrayList<>();
    final Map<String, String> payloadFields = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();

    EventCatalogue(Path root) {
        this(root, ApiCatalogue.SERVICES);
    }

    EventCatalogue(Path root, List<String> services) {
        Sources contracts = Sources.of(root, "shared-contracts");
        Map<String, String> types = contracts.stringConstants("EventTypes");
        Map<String, String> streams = contracts.stringConstants("Streams");
        readPayloads(contracts);
        Map<String, Declared> declared = declared(contracts, types, streams);

        Map<String, Set<String>> publishers = new LinkedHashMap<>(); // payload -> modules
        List<Handler> handlers = new ArrayList<>();
        Map<String, String> streamOf = new LinkedHashMap<>();
        for (String module : services) {
            Sources sources = Sources.of(root, module);
            streamOf.put(module, "berrys." + schema(root, module));
            for (String payload : publications(sources, declared.keySet())) {
                publishers.computeIfAbsent(payload, k -> new LinkedHashSet<>()).add(module);
            }
            handlers.addAll(handlers(sources));
        }
        Map<String, Integer> typeOrder = new LinkedHashMap<>();
        types.values().forEach(t -> typeOrder.put(t, typeOrder.size()));
        List<String> streamOrder = List.copyOf(streams.values());
        for (Declared d : declared.values()) {
            List<String> producers = List.copyOf(publishers.getOrDefault(d.payload(), Set.of()));
            if (producers.isEmpty()) {
                problems.add("no service publishes " + d.type() + " (" + d.payload() + ")");
            }
            for (String producer : producers) {
                if (!streamOf.get(producer).equals(d.stream())) {
                    problems.add(d.payload() + " is an event of " + d.stream() + ", but " + producer + " publishes on "
                            + streamOf.get(producer));
                }
            }
            List<Handler> consumers = handlers.stream()
                    .filter(h -> h.payload().equals(d.payload()))
                    .toList();
            events.add(new Event(d.type(), d.stream(), producers, d.payload(), consumers));
        }
        for (Handler h : handlers) {
            if (!declared.containsKey(h.payload())) {
                problems.add(
                        h.handler() + " in " + h.module() + " handles " + h.payload() + ", which is no declared event");
            }
        }
        for (String type : types.values()) {
            if (declared.values().stream().noneMatch(d -> d.type().equals(type))) {
                problems.add("no payload record declares " + type);
            }
        }
        events.sort(Comparator.comparing((Event e) -> streamOrder.indexOf(e.stream()))
                .thenComparing(e -> typeOrder.getOrDefault(e.type(), Integer.MAX_VALUE)));
    }

    /** The payload records of shared-contracts, e.g. {@code ProjectEvents.Created} to its fields. */
    private void readPayloads(Sources contracts) {
        for (CompilationUnit unit : contracts.units) {
            for (RecordDeclaration record : unit.findAll(RecordDeclaration.class)) {
                String name = record.getFullyQualifiedName().orElseThrow();
                if (!name.startsWith(CONTRACT_EVENTS)) {
                    continue;
                }
                List<String> fields = new ArrayList<>();
                for (Parameter p : record.getParameters()) {
                    boolean nullable = Sources.annotation(p, "Nullable").isPresent()
                            || p.getType().getAnnotations().stream()
                                    .anyMatch(a -> a.getName().getIdentifier().equals("Nullable"));
                    fields.add(p.getNameAsString() + (nullable ? "?" : ""));
                }
                payloadFields.put(name.substring(CONTRACT_EVENTS.length()), String.join(", ", fields));
            }
        }
    }

    /** The records of shared-contracts' events package that carry {@code @Event(type, stream)}, by payload name. */
    private Map<String, Declared> declared(Sources contracts, Map<String, String> types, Map<String, String> streams) {
        Map<String, Declared> out = new LinkedHashMap<>();
        Map<String, String> byType = new LinkedHashMap<>();
        for (CompilationUnit unit : contracts.units) {
            for (RecordDeclaration record : unit.findAll(RecordDeclaration.class)) {
                String name = record.getFullyQualifiedName().orElseThrow();
                Optional<AnnotationExpr> event = Sources.annotation(record, "Event");
                if (!name.startsWith(CONTRACT_EVENTS) || event.isEmpty()) {
                    continue;
                }
                String payload = name.substring(CONTRACT_EVENTS.length());
                String type =
                        Sources.single(Sources.attribute(event.get(), "type").orElseThrow(), Sources.literals(types));
                String stream = Sources.single(
                        Sources.attribute(event.get(), "stream").orElseThrow(), Sources.literals(streams));
                String other = byType.putIfAbsent(type, payload);
                if (other != null) {
                    problems.add(type + " is declared by both " + other + " and " + payload);
                }
                out.put(payload, new Declared(type, stream, payload));
            }
        }
        return out;
    }

    /**
     * The declared payloads a module publishes: those created among the arguments of a call named {@code publish}
     * (inline, or in a local variable, either branch of a {@code ?:}). This covers the starter's
     * {@code EventPublisher.publish(subject, payload)} and a service's own wrappers around it alike.
     */
    private static List<String> publications(Sources sources, Set<String> declared) {
        List<String> out = new ArrayList<>();
        for (CompilationUnit unit : sources.units) {
            for (MethodCallExpr call : unit.findAll(MethodCallExpr.class)) {
                if (!call.getNameAsString().equals("publish")) {
                    continue;
                }
                for (Expression arg : call.getArguments()) {
                    for (ObjectCreationExpr creation : creations(arg)) {
                        String payload = contractName(creation.getType().getNameWithScope(), unit);
                        if (declared.contains(payload)) {
                            out.add(payload);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static List<ObjectCreationExpr> creations(Expression e) {
        if (e instanceof ObjectCreationExpr c) {
            return List.of(c);
        }
        if (e instanceof ConditionalExpr c) {
            var out = new ArrayList<>(creations(c.getThenExpr()));
            out.addAll(creations(c.getElseExpr()));
            return out;
        }
        if (e instanceof NameExpr n) {
            return e.findAncestor(MethodDeclaration.class).stream()
                    .flatMap(m -> m.findAll(VariableDeclarator.class).stream())
                    .filter(v -> v.getNameAsString().equals(n.getNameAsString()))
                    .flatMap(v -> v.getInitializer().stream())
                    .flatMap(init -> creations(init).stream())
                    .toList();
        }
        return List.of();
    }

    /** The fully qualified name of a type as written in {@code unit} (through its imports), else as written. */
    static String resolve(String written, CompilationUnit unit) {
        String first = written.contains(".") ? written.substring(0, written.indexOf('.')) : written;
        for (ImportDeclaration i : unit.getImports()) {
            if (!i.isAsterisk() && !i.isStatic() && i.getNameAsString().endsWith("." + first)) {
                return i.getNameAsString() + written.substring(first.length());
            }
        }
        return written;
    }

    /** {@code TeamAssembled} (imported) or {@code AgentEvents.TeamAssembled} to {@code AgentEvents.TeamAssembled}. */
    static String contractName(String written, CompilationUnit unit) {
        String full = resolve(written, unit);
        return full.startsWith(CONTRACT_EVENTS) ? full.substring(CONTRACT_EVENTS.length()) : full;
    }

    /** The {@code @OnEvent} methods: the payload class the annotation names, else their first parameter's. */
    static List<Handler> handlers(Sources sources) {
        List<Handler> out = new ArrayList<>();
        for (CompilationUnit unit : sources.units) {
            for (MethodDeclaration method : unit.findAll(MethodDeclaration.class)) {
                Optional<AnnotationExpr> onEvent = Sources.annotation(method, "OnEvent");
                if (onEvent.isEmpty()) {
                    continue;
                }
                String parameter = method.getParameters().isEmpty()
                        ? "?"
                        : resolve(method.getParameter(0).getType().asString(), unit);
                String payload = Sources.attribute(onEvent.get(), "value")
                        .filter(Expression::isClassExpr)
                        .map(v -> contractName(((ClassExpr) v).getType().asString(), unit))
                        .orElseGet(() -> parameter.startsWith(CONTRACT_EVENTS)
                                ? parameter.substring(CONTRACT_EVENTS.length())
                                : parameter);
                String owner = method.findAncestor(TypeDeclaration.class)
                        .map(t -> t.getNameAsString())
                        .orElse("?");
                out.add(new Handler(sources.module, payload, owner + "." + method.getNameAsString(), parameter));
            }
        }
        return out;
    }

    private static String schema(Path root, String module) {
        try {
            String yaml = Files.readString(root.resolve(module).resolve("src/main/resources/application.yml"));
            Matcher m = SCHEMA.matcher(yaml);
            if (!m.find()) {
                throw new IllegalStateException("no berrys.service.schema in " + module + "'s application.yml");
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Consumers of an event as "module (Class, Class)", each module once. */
    static String consumers(Event e) {
        Map<String, TreeSet<String>> byModule = new java.util.TreeMap<>();
        e.consumers().forEach(h -> byModule.computeIfAbsent(h.module(), m -> new TreeSet<>())
                .add(h.handler().substring(0, h.handler().indexOf('.'))));
        List<String> out = new ArrayList<>();
        byModule.forEach((module, classes) -> out.add(module + " (" + String.join(", ", classes) + ")"));
        return out.isEmpty() ? "—" : String.join("<br>", out);
    }
}
