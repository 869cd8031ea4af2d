package dev.berrys.archfixture.clean.orders;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;

/** Fixture: an entity. */
@Entity
public class Order {
    @Id
    UUID id = UUID.randomUUID();

    public UUID id() {
        return id;
    }
}
