package dev.berrys.gateway;

import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a request got no answer within the test client's timeout, prints every thread's stack: whether the gateway
 * was busy or waiting somewhere, or the request was lost on the way.
 */
public class HangDump implements TestExecutionExceptionHandler {
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        if (String.valueOf(throwable.getMessage()).contains("Timeout on blocking read")) {
            StringBuilder out = new StringBuilder("HANGDUMP " + context.getDisplayName() + "\n");
            for (Map.Entry<Thread, StackTraceElement[]> e :
                    Thread.getAllStackTraces().entrySet()) {
                out.append("THREAD ")
                        .append(e.getKey().getName())
                        .append(' ')
                        .append(e.getKey().getState())
                        .append('\n');
                for (StackTraceElement s : e.getValue()) {
                    out.append("    at ").append(s).append('\n');
                }
            }
            System.out.println(out);
        }
        throw throwable;
    }
}
