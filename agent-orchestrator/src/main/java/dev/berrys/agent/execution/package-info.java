@NullMarked
package dev.berrys.agent.execution;

import org.jspecify.annotations.NullMarked;
