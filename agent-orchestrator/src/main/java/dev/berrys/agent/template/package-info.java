@NullMarked
package dev.berrys.agent.template;

import org.jspecify.annotations.NullMarked;
