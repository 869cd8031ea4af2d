@NullMarked
package dev.berrys.agent.team;

import org.jspecify.annotations.NullMarked;
