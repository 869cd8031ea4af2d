package dev.berrys.archfixture.clean.orders.web;

import dev.berrys.archfixture.clean.orders.Orders;
import dev.berrys.contracts.Streams;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Fixture: a controller that follows the rules: its own feature's repository, a record on the wire. */
@RestController
public class OrderController {
    private final Orders orders;

    public OrderController(Orders orders) {
        this.orders = orders;
    }

    @GetMapping("/orders/{id}")
    public OrderView get(@PathVariable UUID id) {
        return new OrderView(orders.findById(id).id(), Streams.PROJECT);
    }

    public record OrderView(UUID id, String stream) {}
}
