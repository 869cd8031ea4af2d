@NullMarked
package dev.berrys.agent.client;

import org.jspecify.annotations.NullMarked;
