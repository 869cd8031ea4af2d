package dev.berrys.archfixture.alpha.billing;

import dev.berrys.archfixture.alpha.orders.Orders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Fixture: a controller outside any web package that reads another feature's repository. */
@RestController
public class BillingReportController {
    private final Orders orders;

    public BillingReportController(Orders orders) {
        this.orders = orders;
    }

    @GetMapping("/billing/report")
    public String report() {
        return orders.toString();
    }
}
