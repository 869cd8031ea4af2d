package dev.berrys.tool.workspace;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The rules for an artifact name: 1..200 characters of {@code A-Z a-z 0-9 . _ - /}, never {@code ..}. */
final class WorkspaceNames {
    static final int MAX_LENGTH = 200;
    static final String PATTERN = "^(?!.*\\.\\.)[A-Za-z0-9._/-]{1," + MAX_LENGTH + "}$";
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._/-]+");

    private WorkspaceNames() {}

    /** Why {@code name} is not acceptable, or null when it is. */
    static @Nullable String problem(@Nullable String name) {
        if (name == null || name.isEmpty()) {
            return "Field 'name' must not be empty.";
        }
        if (name.length() > MAX_LENGTH) {
            return "Field 'name' must be at most " + MAX_LENGTH + " characters.";
        }
        if (!ALLOWED.matcher(name).matches()) {
            return "Field 'name' may contain only letters, digits, '.', '_', '-' and '/'.";
        }
        if (name.contains("..")) {
            return "Field 'name' must not contain '..'.";
        }
        return null;
    }
}
