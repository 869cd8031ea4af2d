@NullMarked
package dev.berrys.workflow.deadletter;

import org.jspecify.annotations.NullMarked;
