@NullMarked
package dev.berrys.agent.memory;

import org.jspecify.annotations.NullMarked;
