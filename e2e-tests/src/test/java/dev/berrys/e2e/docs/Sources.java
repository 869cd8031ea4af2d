package dev.berrys.e2e.docs;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A module's production sources, parsed (comments and formatting play no part), and the string constants
 * they declare, so that an annotation naming {@code EventTypes.PLAN_CREATED} or a static import resolves
 * to its value.
 */
final class Sources {
    private static final JavaParser PARSER =
            new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.BLEEDING_EDGE));

    final String module;
    final List<CompilationUnit> units;

    private Sources(String module, List<CompilationUnit> units) {
        this.module = module;
        this.units = units;
    }

    static Sources of(Path root, String module) {
        Path dir = root.resolve(module).resolve("src/main/java");
        List<CompilationUnit> units = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                var result = PARSER.parse(file);
                if (!result.isSuccessful() || result.getResult().isEmpty()) {
                    throw new IllegalStateException("cannot parse " + file + ": " + result.getProblems());
                }
                CompilationUnit unit = result.getResult().get();
                unit.setStorage(file);
                units.add(unit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Sources(module, units);
    }

    /** The initialised fields of the named top-level classes (or of every class: none named), by simple name. */
    Map<String, Expression> constants(String... classNames) {
        Map<String, Expression> out = new LinkedHashMap<>();
        List<String> wanted = List.of(classNames);
        for (CompilationUnit unit : units) {
            for (TypeDeclaration<?> type : unit.getTypes()) {
                if (wanted.isEmpty() || wanted.contains(type.getNameAsString())) {
                    for (FieldDeclaration field : type.getFields()) {
                        for (VariableDeclarator v : field.getVariables()) {
                            v.getInitializer().ifPresent(init -> out.put(v.getNameAsString(), init));
                        }
                    }
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no constants found in " + wanted + " of " + module);
        }
        return out;
    }

    /**
     * shared-contracts' {@code Role} enum as constants: each role by its name (a string of that name), its
     * initialised fields ({@code WRITERS}), and {@code values}, every role in order; with {@link #strings} they
     * resolve {@code Role.names()}, {@code Role.names(Role.WRITERS)} and {@code Role.ADMIN.name()}.
     */
    static Map<String, Expression> roleConstants(Path root) {
        EnumDeclaration role = of(root, "shared-contracts").units.stream()
                .flatMap(u -> u.findAll(EnumDeclaration.class).stream())
                .filter(d -> d.getNameAsString().equals("Role"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no Role enum in shared-contracts"));
        Map<String, Expression> out = new LinkedHashMap<>();
        ArrayInitializerExpr values = new ArrayInitializerExpr();
        role.getEntries().forEach(entry -> {
            out.put(entry.getNameAsString(), new StringLiteralExpr(entry.getNameAsString()));
            values.getValues().add(new StringLiteralExpr(entry.getNameAsString()));
        });
        out.put("values", values);
        for (FieldDeclaration field : role.getFields()) {
            for (VariableDeclarator v : field.getVariables()) {
                v.getInitializer().ifPresent(init -> out.put(v.getNameAsString(), init));
            }
        }
        return out;
    }

    /** The string constants of the named class, in the order they are declared. */
    Map<String, String> stringConstants(String className) {
        Map<String, String> out = new LinkedHashMap<>();
        constants(className).forEach((name, init) -> {
            if (init instanceof StringLiteralExpr s) {
                out.put(name, s.asString());
            }
        });
        return out;
    }

    static Map<String, Expression> literals(Map<String, String> strings) {
        Map<String, Expression> out = new LinkedHashMap<>();
        strings.forEach((name, value) -> out.put(name, new StringLiteralExpr(value)));
        return out;
    }

    static Optional<AnnotationExpr> annotation(NodeWithAnnotations<?> node, String simpleName) {
        return node.getAnnotations().stream()
                .filter(a -> a.getName().getIdentifier().equals(simpleName))
                .findFirst();
    }

    /** An annotation's attribute ({@code value} also for the single-member form). */
    static Optional<Expression> attribute(AnnotationExpr annotation, String name) {
        if (annotation instanceof SingleMemberAnnotationExpr single) {
            return name.equals("value") ? Optional.of(single.getMemberValue()) : Optional.empty();
        }
        if (annotation instanceof NormalAnnotationExpr normal) {
            return normal.getPairs().stream()
                    .filter(p -> p.getNameAsString().equals(name))
                    .map(p -> p.getValue())
                    .findFirst();
        }
        return Optional.empty();
    }

    /**
     * The strings an expression stands for: a literal, a concatenation, an array of them, or a constant
     * looked up by its simple name in {@code constants}. Anything else is an error, so that nothing is
     * silently left out of the generated documentation.
     */
    static List<String> strings(Expression e, Map<String, Expression> constants) {
        if (e instanceof StringLiteralExpr s) {
            return List.of(s.asString());
        }
        if (e instanceof ArrayInitializerExpr array) {
            return array.getValues().stream()
                    .flatMap(v -> strings(v, constants).stream())
                    .toList();
        }
        if (e instanceof MethodCallExpr call) {
            switch (call.getNameAsString()) {
                // Role.ADMIN.name(): the constant's own name
                case "name" -> {
                    if (call.getScope().isPresent()) {
                        return strings(call.getScope().get(), constants);
                    }
                }
                // Set.of(ADMIN, …), Role.names(Role.WRITERS); Role.names(): every role
                case "of", "names" -> {
                    if (call.getArguments().isEmpty() && constants.containsKey("values")) {
                        return strings(constants.get("values"), constants);
                    }
                    return call.getArguments().stream()
                            .flatMap(a -> strings(a, constants).stream())
                            .toList();
                }
                default -> {}
            }
        }
        if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
            return List.of(single(b.getLeft(), constants) + single(b.getRight(), constants));
        }
        String name = e instanceof NameExpr n
                ? n.getNameAsString()
                : e instanceof FieldAccessExpr f ? f.getNameAsString() : null;
        if (name != null && constants.containsKey(name) && constants.get(name) != e) {
            return strings(constants.get(name), constants);
        }
        throw new IllegalStateException("cannot resolve " + e + " at " + where(e));
    }

    static String single(Expression e, Map<String, Expression> constants) {
        List<String> values = strings(e, constants);
        if (values.size() != 1) {
            throw new IllegalStateException("expected one value for " + e + " at " + where(e));
        }
        return values.getFirst();
    }

    static String where(com.github.javaparser.ast.Node node) {
        String file = node.findCompilationUnit()
                .flatMap(CompilationUnit::getStorage)
                .map(s -> s.getPath().getFileName().toString())
                .orElse("?");
        return file + ":" + node.getBegin().map(p -> p.line).orElse(0);
    }
}
