package dev.berrys.starter.schema;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.util.regex.Pattern;

/**
 * The JDK's regular expressions (what the validator uses by default) with a bound on the work of each
 * match: a tenant's {@code pattern} such as {@code ^(a+)+$} backtracks exponentially on {@code aaa…ab}, so
 * the text is read through a {@link CharSequence} that counts the characters the engine looks at and
 * gives up past a budget proportional to the text's length. Exceeding it throws {@link TooComplex}.
 */
final class BoundedPatterns implements RegularExpressionFactory {
    private final long baseBudget;
    private final long budgetPerChar;

    BoundedPatterns(long baseBudget, long budgetPerChar) {
        this.baseBudget = baseBudget;
        this.budgetPerChar = budgetPerChar;
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return value -> {
            long budget = baseBudget + budgetPerChar * value.length();
            // JSON Schema patterns are not anchored: find, as the validator's own JDK expression does
            try {
                return pattern.matcher(new Counted(value, new long[] {budget})).find();
            } catch (StackOverflowError e) {
                // the JDK engine recurses per repetition: a long value can exhaust the stack before the budget
                throw new TooComplex();
            }
        };
    }

    /** A match gave up after its budget: the pattern backtracks too much on this value. */
    static final class TooComplex extends RuntimeException {
        TooComplex() {
            super("the pattern needs too many steps to match this value", null, false, false);
        }
    }

    /** The text, counting reads down from a budget shared with every subsequence taken of it. */
    private record Counted(String text, long[] left) implements CharSequence {
        @Override
        public char charAt(int index) {
            if (--left[0] < 0) {
                throw new TooComplex();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Counted(text.substring(start, end), left);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
