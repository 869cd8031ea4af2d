package dev.berrys.model.chat.web;

import dev.berrys.model.catalog.Catalog;
import dev.berrys.model.catalog.ModelRoute;
import dev.berrys.model.routing.Router;
import dev.berrys.starter.security.Tenants;
import dev.berrys.starter.web.ProblemException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** OpenAI's {@code GET /v1/models}: the usable models of the caller's tenant, plus {@code auto}. */
@RestController
class ModelsController {
    private final Catalog catalog;

    ModelsController(Catalog catalog) {
        this.catalog = catalog;
    }

    record OpenAiModel(String id, String object, long created, String owned_by) {}

    record OpenAiList(String object, List<OpenAiModel> data) {}

    @GetMapping("/v1/models")
    OpenAiList list() {
        List<OpenAiModel> data = new ArrayList<>();
        data.add(new OpenAiModel(Router.AUTO, "model", 0, "berrys"));
        catalog.forTenant(Tenants.require()).usable().stream()
                .sorted(Comparator.comparing(ModelRoute::name))
                .forEach(m -> data.add(model(m)));
        return new OpenAiList("list", data);
    }

    @GetMapping("/v1/models/{name}")
    OpenAiModel one(@PathVariable String name) {
        if (Router.AUTO.equals(name)) {
            return new OpenAiModel(Router.AUTO, "model", 0, "berrys");
        }
        return catalog.forTenant(Tenants.require())
                .model(name)
                .filter(ModelRoute::usable)
                .map(ModelsController::model)
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "model-not-found",
                        "No model named '" + name + "'.",
                        Map.of("field", "model")));
    }

    private static OpenAiModel model(ModelRoute m) {
        return new OpenAiModel(m.name(), "model", 0, m.provider().name());
    }
}
