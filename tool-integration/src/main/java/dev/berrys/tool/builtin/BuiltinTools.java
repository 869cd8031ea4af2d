package dev.berrys.tool.builtin;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every {@link BuiltinTool} bean, by name. */
@Component
public class BuiltinTools {
    private final Map<String, BuiltinTool> byName;

    BuiltinTools(List<BuiltinTool> tools) {
        this.byName = tools.stream().collect(Collectors.toUnmodifiableMap(BuiltinTool::name, Function.identity()));
    }

    public Optional<BuiltinTool> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<BuiltinTool> all() {
        return byName.values();
    }
}
