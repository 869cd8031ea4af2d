package dev.berrys.tool.builtin;

import dev.berrys.tool.builtin.ExpressionParser.ExpressionException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code calculator}: evaluates an arithmetic expression with {@link ExpressionParser}. */
@Component
class CalculatorTool implements BuiltinTool {

    @Override
    public String name() {
        return "calculator";
    }

    @Override
    public String description() {
        return "Evaluates an arithmetic expression: numbers, + - * / % ^, parentheses, unary minus, "
                + "sqrt, abs, min, max, round(x[, digits]), ln, log10, and the constants pi and e.";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of(
                "type",
                "object",
                "properties",
                Map.of(
                        "expression",
                        Map.of(
                                "type",
                                "string",
                                "minLength",
                                1,
                                "maxLength",
                                ExpressionParser.MAX_LENGTH,
                                "description",
                                "e.g. (2 + 3) * sqrt(16) / 4")),
                "required",
                List.of("expression"),
                "additionalProperties",
                false);
    }

    @Override
    public Object execute(ToolCall call) {
        String expression = call.requiredString("expression");
        try {
            return Map.of("expression", expression, "result", ExpressionParser.evaluate(expression));
        } catch (ExpressionException e) {
            throw new ToolFailure(e.getMessage());
        }
    }
}
