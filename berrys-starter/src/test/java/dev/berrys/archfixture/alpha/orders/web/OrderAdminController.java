package dev.berrys.archfixture.alpha.orders.web;

import dev.berrys.archfixture.alpha.orders.Order;
import dev.berrys.archfixture.alpha.orders.Orders;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fixture: a controller of the orders feature (its own repository, so the web rule has nothing against it)
 * whose handlers let the entity out in every shape the entity rule must catch.
 */
@RestController
public class OrderAdminController {
    private final Orders orders;

    public OrderAdminController(Orders orders) {
        this.orders = orders;
    }

    @GetMapping("/admin/order")
    public Order plain() {
        return new Order();
    }

    @GetMapping("/admin/order/wrapped")
    public ResponseEntity<Order> wrapped() {
        return ResponseEntity.ok(new Order());
    }

    @GetMapping("/admin/orders/page")
    public ResponseEntity<Page<Order>> paged() {
        return ResponseEntity.ok(new PageImpl<>(List.of(new Order())));
    }

    @GetMapping("/admin/orders/set")
    public Set<Order> set() {
        return Set.of(new Order());
    }

    @GetMapping("/admin/orders/maybe")
    public Optional<Order> maybe() {
        return Optional.empty();
    }

    @PostMapping("/admin/orders")
    public void accept(@RequestBody Order order) {}

    /** Not a handler: an entity here is no concern of the rule. */
    public Order internal() {
        return new Order();
    }

    public Orders orders() {
        return orders;
    }
}
