package dev.berrys.archfixture.clean.orders;

import java.util.UUID;
import org.springframework.data.repository.Repository;

/** Fixture: the orders feature's repository. */
public interface Orders extends Repository<Order, UUID> {
    Order findById(UUID id);
}
