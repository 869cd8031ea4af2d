package dev.berrys.archfixture.alpha.billing.web;

import dev.berrys.archfixture.alpha.orders.Orders;

/** Fixture: a helper of billing's web package (no controller) that reads the orders feature's repository. */
public class BillingLinks {
    private final Orders orders;

    public BillingLinks(Orders orders) {
        this.orders = orders;
    }

    public Orders orders() {
        return orders;
    }
}
