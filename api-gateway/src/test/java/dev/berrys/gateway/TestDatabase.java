package dev.berrys.gateway;

/**
 * The database of the tests that start a gateway of their own: the local {@code test}, or {@code BERRYS_TEST_DB_URL}
 * as for the cached contexts ({@link GatewayIT}). Both must be the same one: such a gateway seeds the service client
 * with its own secret, which a cached context on another database would never see, and one on the same database would
 * see only if it shares the secret.
 */
public final class TestDatabase {

    public static final String URL =
            System.getenv().getOrDefault("BERRYS_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");

    private TestDatabase() {}
}
