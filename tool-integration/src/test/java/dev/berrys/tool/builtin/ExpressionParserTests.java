package dev.berrys.tool.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berrys.tool.builtin.ExpressionParser.ExpressionException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionParserTests {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1 + 2 * 3 | 7",
                "(1 + 2) * 3 | 9",
                "10 / 4 | 2.5",
                "10 % 4 | 2",
                "2 ^ 10 | 1024",
                "2 ^ 3 ^ 2 | 512",
                "-2 ^ 2 | -4",
                "2 ^ -1 | 0.5",
                "--3 | 3",
                "-(4 - 6) | 2",
                "+5 | 5",
                "0.1 + 0.2 | 0.3",
                "1.5e3 + 1 | 1501",
                "2E-2 | 0.02",
                "sqrt(16) + abs(-3) | 7",
                "min(4, 2, 8) * max(1, 9) | 18",
                "round(2.5) | 3",
                "round(3.14159, 2) | 3.14",
                "ln(e) | 1",
                "log10(1000) | 3",
                "round(pi, 4) | 3.1416",
                "  7   | 7",
                "100 - 10 - 10 | 80",
                "64 / 4 / 2 | 8",
                "(((((1))))) | 1",
            })
    void evaluatesArithmetic(String expression, String expected) {
        assertThat(ExpressionParser.evaluate(expression)).isEqualByComparingTo(new BigDecimal(expected));
    }

    @Test
    void roundsToFifteenSignificantDigits() {
        assertThat(ExpressionParser.evaluate("1 / 3").toPlainString()).isEqualTo("0.333333333333333");
        assertThat(ExpressionParser.evaluate("2 ^ 60").toPlainString()).isEqualTo("1152921504606850000");
    }

    @Test
    void divisionAndModuloByZeroAreRefusedWithTheirPosition() {
        assertThatThrownBy(() -> ExpressionParser.evaluate("1 / (2 - 2)"))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("Division by zero at position 3.");
        assertThatThrownBy(() -> ExpressionParser.evaluate("5 % 0"))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("Modulo by zero");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1 + | The expression ends too early",
                "(1 + 2 | Missing ')'",
                "1 + 2) | Unexpected ')'",
                "2 3 | Unexpected '3'",
                "foo(1) | Unknown function 'foo'",
                "x + 1 | Unknown constant 'x'",
                "sqrt(-1) | sqrt of a negative number",
                "sqrt(1, 2) | sqrt takes exactly 1 argument",
                "min() | min takes at least 1 argument",
                "ln(0) | ln of a number that is not positive",
                "1.2.3 | Invalid number '1.2.3'",
                "(-8) ^ 0.5 | The power is not a real number",
                "10 ^ 400 | The result is not a finite number",
                "1 ; 2 | Unexpected ';'",
                "java.lang.System.exit(0) | Unknown constant 'java'",
            })
    void refusesWhatIsNotArithmetic(String expression, String message) {
        assertThatThrownBy(() -> ExpressionParser.evaluate(expression))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining(message);
    }

    @Test
    void refusesAnEmptyExpression() {
        assertThatThrownBy(() -> ExpressionParser.evaluate("  ")).hasMessage("The expression is empty.");
    }

    @Test
    void refusesExpressionsLongerThanTheLimit() {
        String longest = "1" + "+1".repeat(249);
        assertThat(longest).hasSize(499);
        assertThat(ExpressionParser.evaluate(longest)).isEqualByComparingTo("250");
        assertThatThrownBy(() -> ExpressionParser.evaluate(longest + "+1"))
                .hasMessage("The expression is longer than 500 characters.");
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        String deep = "(".repeat(100) + "1" + ")".repeat(100);
        assertThatThrownBy(() -> ExpressionParser.evaluate(deep)).hasMessageContaining("nested deeper than 64");
        String negations = "-".repeat(200) + "1";
        assertThatThrownBy(() -> ExpressionParser.evaluate(negations)).hasMessageContaining("nested deeper");
        assertThat(ExpressionParser.evaluate("(".repeat(20) + "1" + ")".repeat(20)))
                .isEqualByComparingTo("1");
    }
}
