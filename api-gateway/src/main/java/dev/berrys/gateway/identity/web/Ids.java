package dev.berrys.gateway.identity.web;

import dev.berrys.gateway.problem.ApiProblem;
import java.util.UUID;

/** Path ids: a UUID, or a 400 naming the field. */
final class Ids {

    private Ids() {}

    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("id: must be a UUID");
        }
    }
}
