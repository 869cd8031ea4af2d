@NullMarked
package dev.berrys.project.result;

import org.jspecify.annotations.NullMarked;
