package dev.berrys.e2e.docs;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every event type, read from the sources: its name ({@code EventTypes}), the service that publishes it
 * ({@code publish(EventTypes.X, subject, new Payload(...))}) and so its stream, its payload record in
 * shared-contracts, and the {@code @OnEvent} handlers that consume it.
 */
final class EventCatalogue {
    static final String CONTRACT_EVENTS = "dev.berrys.contracts.events.";
    private static final Pattern SCHEMA =
            Pattern.compile("(?m)^berrys:\\s*\\n\\s+service:\\s*\\n\\s+schema:\\s*(\\S+)");

    record Handler(String module, String stream, String type, String handler, String parameter) {}

    record Event(String type, String stream, List<String> producers, List<String> payloads, List<Handler> consumers) {}

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

        Map<String, List<String[]>> published = new LinkedHashMap<>(); // type -> [module, payload]
        List<Handler> handlers = new ArrayList<>();
        Map<String, String> streamOf = new LinkedHashMap<>();
        for (String module : services) {
            Sources sources = Sources.of(root, module);
            streamOf.put(module, "berrys." + schema(root, module));
            publications(sources, types).forEach(p -> published
                    .computeIfAbsent(p[0], k -> new ArrayList<>())
                    .add(new String[] {module, p[1]}));
            handlers.addAll(handlers(sources, types, streams));
        }
        List<String> streamOrder = List.copyOf(streams.values());
        for (String type : types.values()) {
            List<String[]> sites = published.getOrDefault(type, List.of());
            if (sites.isEmpty()) {
                problems.add("no service publishes " + type);
                continue;
            }
            List<String> producers = sites.stream().map(s -> s[0]).distinct().toList();
            List<String> payloads = sites.stream()
                    .map(s -> s[1])
                    .filter(p -> !p.equals("?"))
                    .distinct()
                    .toList();
            if (producers.size() != 1) {
                problems.add(type + " is published by more than one service: " + producers);
            }
            if (payloads.size() != 1) {
                problems.add(type + " is published with " + (payloads.isEmpty() ? "no known" : "several")
                        + " payloads: " + payloads);
            }
            payloads.stream()
                    .filter(p -> !payloadFields.containsKey(p))
                    .forEach(p ->
                            problems.add(type + " is published as " + p + ", which is no record of shared-contracts"));
            String stream = streamOf.get(producers.getFirst());
            List<Handler> consumers =
                    handlers.stream().filter(h -> h.type().equals(type)).toList();
            for (Handler h : consumers) {
                if (!h.stream().equals(stream)) {
                    problems.add(h.handler() + " in " + h.module() + " waits for " + type + " on " + h.stream()
                            + ", but " + producers.getFirst() + " publishes it on " + stream);
                }
                if (h.parameter().startsWith(CONTRACT_EVENTS)
                        && !payloads.isEmpty()
                        && !h.parameter().substring(CONTRACT_EVENTS.length()).equals(payloads.getFirst())) {
                    problems.add(h.handler() + " in " + h.module() + " reads " + type + " as " + h.parameter()
                            + ", but it is published as " + payloads.getFirst());
                }
            }
            events.add(new Event(type, stream, producers, payloads, consumers));
        }
        for (Handler h : handlers) {
            if (!types.containsValue(h.type())) {
                problems.add(h.handler() + " in " + h.module() + " waits for an unknown type " + h.type());
            }
        }
        events.sort(Comparator.comparing((Event e) -> streamOrder.indexOf(e.stream())));
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

    /**
     * (type, payload) of every call named {@code publish} that names an event type: the first argument that is
     * a string constant naming one (of {@code EventTypes}, or of the calling class), and the first argument
     * after it that creates the payload (inline, or in a local variable). This covers the starter's
     * {@code EventPublisher.publish(type, subject, payload)} and a service's own wrappers around it alike.
     */
    private static List<String[]> publications(Sources sources, Map<String, String> types) {
        List<String[]> out = new ArrayList<>();
        for (CompilationUnit unit : sources.units) {
            for (MethodCallExpr call : unit.findAll(MethodCallExpr.class)) {
                if (!call.getNameAsString().equals("publish")) {
                    continue;
                }
                Map<String, Expression> constants = new LinkedHashMap<>();
                TypeDeclaration<?> caller =
                        call.findAncestor(TypeDeclaration.class).orElse(null);
                if (caller != null) {
                    for (FieldDeclaration field : caller.getFields()) {
                        field.getVariables().forEach(v -> v.getInitializer()
                                .ifPresent(init -> constants.put(v.getNameAsString(), init)));
                    }
                }
                constants.putAll(Sources.literals(types));
                var args = call.getArguments();
                for (int i = 0; i < args.size(); i++) {
                    String type = typeNamed(args.get(i), constants, types);
                    if (type == null) {
                        continue;
                    }
                    String payload = "?";
                    for (int j = i + 1; j < args.size() && payload.equals("?"); j++) {
                        payload = payloadOf(args.get(j), unit);
                    }
                    out.add(new String[] {type, payload});
                    break;
                }
            }
        }
        return out;
    }

    private static String typeNamed(Expression arg, Map<String, Expression> constants, Map<String, String> types) {
        if (!(arg.isNameExpr() || arg.isFieldAccessExpr() || arg.isStringLiteralExpr())) {
            return null;
        }
        try {
            String value = Sources.single(arg, constants);
            return types.containsValue(value) ? value : null;
        } catch (IllegalStateException notAConstant) {
            return null; // a variable: the call that chose the type names it
        }
    }

    private static String payloadOf(Expression payload, CompilationUnit unit) {
        Optional<ObjectCreationExpr> creation = Optional.empty();
        if (payload instanceof ObjectCreationExpr c) {
            creation = Optional.of(c);
        } else if (payload instanceof NameExpr n) {
            creation = payload.findAncestor(MethodDeclaration.class).stream()
                    .flatMap(m -> m.findAll(VariableDeclarator.class).stream())
                    .filter(v -> v.getNameAsString().equals(n.getNameAsString()))
                    .flatMap(v -> v.getInitializer().stream())
                    .filter(Expression::isObjectCreationExpr)
                    .map(Expression::asObjectCreationExpr)
                    .findFirst();
        }
        return creation.map(c -> contractName(c.getType().getNameWithScope(), unit))
                .orElse("?");
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

    static List<Handler> handlers(Sources sources, Map<String, String> types, Map<String, String> streams) {
        List<Handler> out = new ArrayList<>();
        for (CompilationUnit unit : sources.units) {
            for (MethodDeclaration method : unit.findAll(MethodDeclaration.class)) {
                Optional<AnnotationExpr> onEvent = Sources.annotation(method, "OnEvent");
                if (onEvent.isEmpty()) {
                    continue;
                }
                String stream = Sources.single(
                        Sources.attribute(onEvent.get(), "stream").orElseThrow(), Sources.literals(streams));
                String type =
                        Sources.single(Sources.attribute(onEvent.get(), "type").orElseThrow(), Sources.literals(types));
                String parameter = method.getParameters().isEmpty()
                        ? "?"
                        : resolve(method.getParameter(0).getType().asString(), unit);
                String owner = method.findAncestor(TypeDeclaration.class)
                        .map(t -> t.getNameAsString())
                        .orElse("?");
                out.add(new Handler(sources.module, stream, type, owner + "." + method.getNameAsString(), parameter));
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
