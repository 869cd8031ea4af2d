@NullMarked
package dev.berrys.integration.workflow;

import org.jspecify.annotations.NullMarked;
