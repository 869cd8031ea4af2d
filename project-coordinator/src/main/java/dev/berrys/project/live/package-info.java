@NullMarked
package dev.berrys.project.live;

import org.jspecify.annotations.NullMarked;
