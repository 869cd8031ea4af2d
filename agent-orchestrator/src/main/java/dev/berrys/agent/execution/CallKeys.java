package dev.berrys.agent.execution;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The idempotency keys of an execution's calls. They are built only from what the checkpoint holds, so a
 * resumed execution sends the same key for the same call: a step's index is the number of steps stored
 * before it, and a tool call's id is the one stored with the model answer that asked for it (the model's
 * own, or {@code call_<step>_<n>} where it gave none). A new attempt of the task is a new execution, so
 * its calls are made afresh.
 */
final class CallKeys {
    private CallKeys() {}

    /** The model call of step {@code index}. */
    static String modelCall(UUID executionId, int index) {
        return "execution:" + executionId + ":step:" + index;
    }

    /** The tool call {@code callId}, stored as step {@code index}. */
    static String toolCall(UUID executionId, int index, String callId) {
        return "execution:" + executionId + ":step:" + index + ":call:" + safe(callId);
    }

    // a model may name its calls with anything; a key is at most 200 visible ASCII characters
    private static String safe(String callId) {
        if (callId.length() <= 64 && SAFE.matcher(callId).matches()) {
            return callId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(callId.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.:-]+");
}
