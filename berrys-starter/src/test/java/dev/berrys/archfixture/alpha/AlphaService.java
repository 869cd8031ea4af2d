package dev.berrys.archfixture.alpha;

import dev.berrys.archfixture.beta.BetaThing;

/** Fixture: a service class that uses another service's code. */
public class AlphaService {
    public String name(BetaThing thing) {
        return thing.toString();
    }
}
