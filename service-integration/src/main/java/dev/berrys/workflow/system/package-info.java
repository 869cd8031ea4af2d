@NullMarked
package dev.berrys.workflow.system;

import org.jspecify.annotations.NullMarked;
