@NullMarked
package dev.berrys.project.timeline;

import org.jspecify.annotations.NullMarked;
