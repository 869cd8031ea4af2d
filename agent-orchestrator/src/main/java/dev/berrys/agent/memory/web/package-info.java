@NullMarked
package dev.berrys.agent.memory.web;

import org.jspecify.annotations.NullMarked;
