package dev.berrys.tool.builtin;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates arithmetic safely: a recursive-descent parser over numbers, {@code + - * / % ^}, parentheses,
 * unary minus, the functions sqrt, abs, min, max, round, ln, log10 and the constants pi and e. No script
 * engine, no reflection; length and nesting are bounded. Results are rounded to 15 significant digits.
 *
 * <pre>
 * expression := term (('+' | '-') term)*
 * term       := unary (('*' | '/' | '%') unary)*
 * unary      := ('-' | '+') unary | power
 * power      := primary ('^' unary)?          (right-associative: 2^3^2 = 2^9; -2^2 = -4)
 * primary    := number | constant | function '(' expression (',' expression)* ')' | '(' expression ')'
 * </pre>
 */
public final class ExpressionParser {
    public static final int MAX_LENGTH = 500;
    public static final int MAX_DEPTH = 64;
    private static final MathContext PRECISION = new MathContext(15);

    private final String text;
    private int pos;
    private int depth;

    private ExpressionParser(String text) {
        this.text = text;
    }

    /** The value of {@code expression}; throws {@link ExpressionException} with a readable reason. */
    public static BigDecimal evaluate(String expression) {
        if (expression.isBlank()) {
            throw new ExpressionException("The expression is empty.");
        }
        if (expression.length() > MAX_LENGTH) {
            throw new ExpressionException("The expression is longer than " + MAX_LENGTH + " characters.");
        }
        var parser = new ExpressionParser(expression);
        double value = parser.expression();
        parser.skipSpaces();
        if (parser.pos < expression.length()) {
            throw parser.error("Unexpected '" + expression.charAt(parser.pos) + "'");
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new ExpressionException("The result is not a finite number.");
        }
        BigDecimal result = new BigDecimal(value).round(PRECISION).stripTrailingZeros();
        return result.scale() < 0 ? result.setScale(0) : result;
    }

    private double expression() {
        enter();
        double value = term();
        while (true) {
            if (eat('+')) {
                value += term();
            } else if (eat('-')) {
                value -= term();
            } else {
                leave();
                return value;
            }
        }
    }

    private double term() {
        double value = unary();
        while (true) {
            int at = pos;
            if (eat('*')) {
                value *= unary();
            } else if (eat('/')) {
                double divisor = unary();
                if (divisor == 0) {
                    throw errorAt(at, "Division by zero");
                }
                value /= divisor;
            } else if (eat('%')) {
                double divisor = unary();
                if (divisor == 0) {
                    throw errorAt(at, "Modulo by zero");
                }
                value %= divisor;
            } else {
                return value;
            }
        }
    }

    private double unary() {
        enter();
        double value;
        if (eat('-')) {
            value = -unary();
        } else if (eat('+')) {
            value = unary();
        } else {
            value = power();
        }
        leave();
        return value;
    }

    private double power() {
        double base = primary();
        if (eat('^')) {
            double exponent = unary();
            double value = Math.pow(base, exponent);
            if (Double.isNaN(value)) {
                throw error("The power is not a real number");
            }
            return value;
        }
        return base;
    }

    private double primary() {
        skipSpaces();
        if (pos >= text.length()) {
            throw error("The expression ends too early");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            double value = expression();
            expect(')');
            return value;
        }
        if (Character.isDigit(c) || c == '.') {
            return number();
        }
        if (Character.isLetter(c)) {
            return identifier();
        }
        throw error("Unexpected '" + c + "'");
    }

    private double number() {
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = mark; // not an exponent: "2e" is 2 followed by the constant e, refused later
            }
        }
        String literal = text.substring(start, pos);
        try {
            return Double.parseDouble(literal);
        } catch (NumberFormatException e) {
            throw errorAt(start, "Invalid number '" + literal + "'");
        }
    }

    private double identifier() {
        int start = pos;
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
            pos++;
        }
        String name = text.substring(start, pos).toLowerCase(java.util.Locale.ROOT);
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == '(') {
            pos++;
            List<Double> args = arguments();
            return apply(name, args, start);
        }
        return switch (name) {
            case "pi" -> Math.PI;
            case "e" -> Math.E;
            default -> throw errorAt(start, "Unknown constant '" + name + "'");
        };
    }

    private List<Double> arguments() {
        List<Double> args = new ArrayList<>();
        skipSpaces();
        if (eat(')')) {
            return args;
        }
        do {
            args.add(expression());
        } while (eat(','));
        expect(')');
        return args;
    }

    private double apply(String name, List<Double> args, int at) {
        return switch (name) {
            case "sqrt" -> {
                double x = one(name, args, at);
                if (x < 0) {
                    throw errorAt(at, "sqrt of a negative number");
                }
                yield Math.sqrt(x);
            }
            case "abs" -> Math.abs(one(name, args, at));
            case "ln" -> positive(name, one(name, args, at), at, Math.log(args.getFirst()));
            case "log10" -> positive(name, one(name, args, at), at, Math.log10(args.getFirst()));
            case "min" ->
                atLeastOne(name, args, at).stream()
                        .mapToDouble(Double::doubleValue)
                        .min()
                        .orElseThrow();
            case "max" ->
                atLeastOne(name, args, at).stream()
                        .mapToDouble(Double::doubleValue)
                        .max()
                        .orElseThrow();
            case "round" -> round(args, at);
            default -> throw errorAt(at, "Unknown function '" + name + "'");
        };
    }

    private double round(List<Double> args, int at) {
        if (args.isEmpty() || args.size() > 2) {
            throw errorAt(at, "round takes 1 or 2 arguments (value, digits)");
        }
        int digits = args.size() == 2 ? (int) Math.floor(args.get(1)) : 0;
        if (digits < -15 || digits > 15) {
            throw errorAt(at, "round digits must be between -15 and 15");
        }
        double value = args.getFirst();
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            return value;
        }
        return new BigDecimal(value)
                .setScale(digits, java.math.RoundingMode.HALF_UP)
                .doubleValue();
    }

    private double one(String name, List<Double> args, int at) {
        if (args.size() != 1) {
            throw errorAt(at, name + " takes exactly 1 argument");
        }
        return args.getFirst();
    }

    private double positive(String name, double x, int at, double result) {
        if (x <= 0) {
            throw errorAt(at, name + " of a number that is not positive");
        }
        return result;
    }

    private List<Double> atLeastOne(String name, List<Double> args, int at) {
        if (args.isEmpty()) {
            throw errorAt(at, name + " takes at least 1 argument");
        }
        return args;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new ExpressionException("The expression is nested deeper than " + MAX_DEPTH + " levels.");
        }
    }

    private void leave() {
        depth--;
    }

    private boolean eat(char c) {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!eat(c)) {
            throw pos >= text.length() ? error("Missing '" + c + "'") : error("Expected '" + c + "'");
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private ExpressionException error(String message) {
        return errorAt(pos, message);
    }

    private ExpressionException errorAt(int at, String message) {
        return new ExpressionException(message + " at position " + (at + 1) + ".");
    }

    /** Why an expression cannot be evaluated, phrased for the model or person that wrote it. */
    public static final class ExpressionException extends RuntimeException {
        public ExpressionException(String message) {
            super(message);
        }

        /** The message it was made with, never null (NullAway takes {@link Throwable#getMessage()} as nullable). */
        @Override
        public String getMessage() {
            return Objects.requireNonNull(super.getMessage());
        }
    }
}
