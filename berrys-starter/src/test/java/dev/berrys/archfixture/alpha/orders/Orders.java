package dev.berrys.archfixture.alpha.orders;

import java.util.UUID;
import org.springframework.data.repository.Repository;

/** Fixture: the orders feature's repository. */
public interface Orders extends Repository<Order, UUID> {}
