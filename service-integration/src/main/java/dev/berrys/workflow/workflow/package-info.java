@NullMarked
package dev.berrys.workflow.workflow;

import org.jspecify.annotations.NullMarked;
