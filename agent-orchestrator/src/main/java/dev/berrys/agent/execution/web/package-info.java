@NullMarked
package dev.berrys.agent.execution.web;

import org.jspecify.annotations.NullMarked;
