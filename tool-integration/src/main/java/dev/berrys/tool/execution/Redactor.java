package dev.berrys.tool.execution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Prepares arguments for the execution record: the value of any field whose name looks like a secret
 * (secret, password, token, key, credential, authorization) becomes {@code "***"}, at any depth, and
 * long texts are shortened so that a 1 MB workspace write does not become a 1 MB record.
 */
final class Redactor {
    static final String REDACTED = "***";
    private static final Pattern SECRET =
            Pattern.compile(".*(secret|passw|token|key|credential|authorization|cookie).*");
    private static final int MAX_TEXT = 1000;

    private Redactor() {}

    static Object redact(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                out.put(key, isSecret(key) ? REDACTED : redact(v));
            });
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> v == null ? null : redact(v)).toList();
        }
        if (value instanceof String s && s.length() > MAX_TEXT) {
            return s.substring(0, MAX_TEXT) + "… (" + s.length() + " characters)";
        }
        return value;
    }

    static boolean isSecret(String fieldName) {
        return SECRET.matcher(fieldName.toLowerCase(Locale.ROOT)).matches();
    }
}
