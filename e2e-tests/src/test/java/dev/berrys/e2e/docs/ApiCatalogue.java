package dev.berrys.e2e.docs;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.util.AntPathMatcher;

/**
 * Every path the gateway exposes, read from the sources: the controllers' mappings, the gateway's routes
 * ({@code GatewayRoutes}), and who may call each, from the gateway's and the services' security chains and
 * the handlers' {@code @PreAuthorize}.
 */
final class ApiCatalogue {
    static final List<String> ALL_ROLES = List.of("ADMIN", "OPERATOR", "VIEWER", "SERVICE");
    static final String PUBLIC = "PUBLIC";
    static final List<String> SERVICES = List.of(
            "project-coordinator",
            "planning-system",
            "agent-orchestrator",
            "model-orchestration",
            "tool-integration",
            "service-integration");
    private static final List<String> METHOD_ORDER = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "ANY");
    private static final Map<String, String> MAPPINGS = Map.of(
            "GetMapping", "GET",
            "PostMapping", "POST",
            "PutMapping", "PUT",
            "PatchMapping", "PATCH",
            "DeleteMapping", "DELETE",
            "RequestMapping", "ANY");
    private static final Pattern ROLE = Pattern.compile("'([A-Z_]+)'");
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    record Endpoint(String method, String path, String module, String handler, Set<String> roles) {}

    /** An ordered rule of a security chain: the first that matches decides. */
    record Rule(String method, List<String> patterns, Set<String> roles) {
        boolean matches(String httpMethod, String path) {
            return (method == null || method.equals(httpMethod))
                    && (patterns.isEmpty() || patterns.stream().anyMatch(p -> PATHS.match(p, path)));
        }
    }

    final List<Endpoint> exposed = new ArrayList<>();
    final List<Endpoint> notRouted = new ArrayList<>();

    ApiCatalogue(Path root) {
        Sources gateway = Sources.of(root, "api-gateway");
        Sources starter = Sources.of(root, "berrys-starter");
        Map<String, Expression> roleConstants = Sources.roleConstants(root);
        Map<String, Expression> gatewayConstants = new LinkedHashMap<>(roleConstants);
        gatewayConstants.putAll(gateway.constants("SecurityConfig"));
        List<Rule> gatewayRules = rules(gateway, "SecurityConfig", gatewayConstants);
        List<Rule> serviceRules = rules(starter, "BerrysSecurityAutoConfiguration", roleConstants);
        Map<String, List<String>> routes = routes(gateway);

        for (Endpoint e : endpoints(gateway)) {
            exposed.add(withRoles(e, decide(gatewayRules, e)));
        }
        for (String module : SERVICES) {
            List<String> patterns = routes.getOrDefault(module, List.of());
            for (Endpoint e : endpoints(Sources.of(root, module))) {
                Set<String> roles = intersect(decide(gatewayRules, e), decide(serviceRules, e));
                roles = e.roles() == null ? roles : intersect(roles, e.roles());
                boolean routed = patterns.stream().anyMatch(p -> PATHS.match(p, e.path()));
                (routed ? exposed : notRouted).add(withRoles(e, roles));
            }
        }
        Comparator<Endpoint> order =
                Comparator.comparing(Endpoint::path).thenComparing(e -> METHOD_ORDER.indexOf(e.method()));
        exposed.sort(order);
        notRouted.sort(order);
    }

    private static Endpoint withRoles(Endpoint e, Set<String> roles) {
        return new Endpoint(e.method(), e.path(), e.module(), e.handler(), roles);
    }

    static String describe(Set<String> roles) {
        if (roles.contains(PUBLIC)) {
            return "public (no token)";
        }
        if (roles.containsAll(ALL_ROLES)) {
            return "any role";
        }
        if (roles.isEmpty()) {
            return "nobody";
        }
        return String.join(", ", ALL_ROLES.stream().filter(roles::contains).toList());
    }

    private static Set<String> decide(List<Rule> rules, Endpoint e) {
        return rules.stream()
                .filter(r -> r.matches(e.method(), e.path()))
                .findFirst()
                .map(Rule::roles)
                .orElseThrow(() -> new IllegalStateException("no security rule decides " + e));
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        if (a.contains(PUBLIC)) {
            return b;
        }
        if (b.contains(PUBLIC)) {
            return a;
        }
        Set<String> out = new LinkedHashSet<>(a);
        out.retainAll(b);
        return out;
    }

    /** The controllers' handlers; a controller that stands in only with an external issuer is left out. */
    static List<Endpoint> endpoints(Sources sources) {
        List<Endpoint> out = new ArrayList<>();
        for (CompilationUnit unit : sources.units) {
            for (ClassOrInterfaceDeclaration type : unit.findAll(ClassOrInterfaceDeclaration.class)) {
                boolean controller = Sources.annotation(type, "RestController").isPresent()
                        || Sources.annotation(type, "Controller").isPresent();
                boolean standIn = Sources.annotation(type, "BuiltInIssuer")
                        .flatMap(a -> Sources.attribute(a, "external"))
                        .map(v -> v.toString().equals("true"))
                        .orElse(false);
                if (!controller || standIn) {
                    continue;
                }
                Map<String, Expression> constants = constantsOf(type);
                List<String> prefixes = Sources.annotation(type, "RequestMapping")
                        .map(a -> paths(a, constants))
                        .orElse(List.of(""));
                Set<String> classRoles = preAuthorize(type.getAnnotations());
                for (MethodDeclaration method : type.getMethods()) {
                    for (AnnotationExpr mapping : method.getAnnotations()) {
                        String httpMethod = MAPPINGS.get(mapping.getName().getIdentifier());
                        if (httpMethod == null) {
                            continue;
                        }
                        List<String> methods = httpMethod.equals("ANY") ? requestMethods(mapping) : List.of(httpMethod);
                        Set<String> roles = preAuthorize(method.getAnnotations());
                        for (String prefix : prefixes) {
                            for (String path : paths(mapping, constants)) {
                                for (String m : methods) {
                                    out.add(new Endpoint(
                                            m,
                                            prefix + path,
                                            sources.module,
                                            type.getNameAsString() + "." + method.getNameAsString(),
                                            roles != null ? roles : classRoles));
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static Map<String, Expression> constantsOf(ClassOrInterfaceDeclaration type) {
        Map<String, Expression> out = new LinkedHashMap<>();
        type.getFields().forEach(f -> f.getVariables()
                .forEach(v -> v.getInitializer().ifPresent(i -> out.put(v.getNameAsString(), i))));
        return out;
    }

    private static List<String> paths(AnnotationExpr mapping, Map<String, Expression> constants) {
        Optional<Expression> value = Sources.attribute(mapping, "value").or(() -> Sources.attribute(mapping, "path"));
        return value.map(v -> Sources.strings(v, constants)).orElse(List.of(""));
    }

    private static List<String> requestMethods(AnnotationExpr mapping) {
        return Sources.attribute(mapping, "method")
                .map(v -> v.findAll(FieldAccessExpr.class).stream()
                        .map(FieldAccessExpr::getNameAsString)
                        .toList())
                .filter(l -> !l.isEmpty())
                .orElse(List.of("ANY"));
    }

    /** The roles a {@code @PreAuthorize("hasRole('X')")} or {@code hasAnyRole('X','Y')} admits; null: none. */
    private static Set<String> preAuthorize(List<AnnotationExpr> annotations) {
        return annotations.stream()
                .filter(a -> a.getName().getIdentifier().equals("PreAuthorize"))
                .findFirst()
                .map(a -> {
                    String expression =
                            Sources.single(Sources.attribute(a, "value").orElseThrow(), Map.of());
                    if (!expression.matches("has(Any)?Role\\(.*\\)")) {
                        throw new IllegalStateException("cannot read @PreAuthorize(\"" + expression + "\") at "
                                + Sources.where(a) + ": teach ApiCatalogue this expression");
                    }
                    Set<String> roles = new LinkedHashSet<>();
                    Matcher m = ROLE.matcher(expression);
                    while (m.find()) {
                        roles.add(m.group(1));
                    }
                    return roles;
                })
                .orElse(null);
    }

    /**
     * The ordered rules of the security chain built in {@code className}: each {@code pathMatchers} /
     * {@code requestMatchers} / {@code anyExchange} / {@code anyRequest} with the access call after it.
     */
    static List<Rule> rules(Sources sources, String className, Map<String, Expression> constants) {
        List<MethodCallExpr> calls = sources.units.stream()
                .flatMap(u -> u.findAll(ClassOrInterfaceDeclaration.class).stream())
                .filter(c -> c.getNameAsString().equals(className))
                .flatMap(c -> c.findAll(MethodCallExpr.class).stream())
                .sorted(Comparator.comparing(c -> c.getName().getBegin().orElseThrow()))
                .toList();
        List<Rule> rules = new ArrayList<>();
        String method = null;
        List<String> patterns = null;
        for (MethodCallExpr call : calls) {
            switch (call.getNameAsString()) {
                case "pathMatchers", "requestMatchers" -> {
                    method = null;
                    patterns = new ArrayList<>();
                    for (Expression arg : call.getArguments()) {
                        if (arg instanceof FieldAccessExpr f
                                && f.getScope().toString().equals("HttpMethod")) {
                            method = f.getNameAsString();
                        } else {
                            patterns.addAll(Sources.strings(arg, constants));
                        }
                    }
                }
                case "anyExchange", "anyRequest" -> {
                    method = null;
                    patterns = List.of();
                }
                case "permitAll", "denyAll", "authenticated", "hasRole", "hasAnyRole" -> {
                    if (patterns == null) {
                        continue;
                    }
                    Set<String> roles = new LinkedHashSet<>();
                    switch (call.getNameAsString()) {
                        case "permitAll" -> roles.add(PUBLIC);
                        case "authenticated" -> roles.addAll(ALL_ROLES);
                        case "hasRole", "hasAnyRole" ->
                            call.getArguments().forEach(a -> roles.addAll(Sources.strings(a, constants)));
                        default -> {}
                    }
                    rules.add(new Rule(method, patterns, roles));
                    patterns = null;
                }
                default -> {}
            }
        }
        if (rules.isEmpty()) {
            throw new IllegalStateException("no security rules found in " + className);
        }
        return rules;
    }

    /** Module name to the path patterns the gateway routes to it ({@code new Service(name, url, paths...)}). */
    static Map<String, List<String>> routes(Sources gateway) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        gateway.units.stream()
                .flatMap(u -> u.findAll(ObjectCreationExpr.class).stream())
                .filter(n -> n.getType().getNameAsString().equals("Service"))
                .forEach(n -> {
                    var args = n.getArguments();
                    List<String> patterns = new ArrayList<>();
                    for (int i = 2; i < args.size(); i++) {
                        patterns.addAll(Sources.strings(args.get(i), Map.of()));
                    }
                    out.put(Sources.single(args.get(0), Map.of()), patterns);
                });
        if (out.isEmpty()) {
            throw new IllegalStateException("no routes found in api-gateway");
        }
        return out;
    }
}
