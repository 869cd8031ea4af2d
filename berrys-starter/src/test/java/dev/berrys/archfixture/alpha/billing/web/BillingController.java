package dev.berrys.archfixture.alpha.billing.web;

import dev.berrys.archfixture.alpha.orders.Order;
import dev.berrys.archfixture.alpha.orders.Orders;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Fixture: the billing feature's controller reads the orders feature's repository and answers entities. */
@RestController
public class BillingController {
    private final Orders orders;

    public BillingController(Orders orders) {
        this.orders = orders;
    }

    @GetMapping("/bills") // a trailing comment changes nothing
    public List<Order> bills() {
        return List.of(new Order());
    }

    public Orders orders() {
        return orders;
    }
}
