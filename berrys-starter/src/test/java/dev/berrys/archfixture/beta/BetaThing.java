package dev.berrys.archfixture.beta;

/** Fixture: a class of another "service". */
public class BetaThing {}
