@NullMarked
package dev.berrys.project;

import org.jspecify.annotations.NullMarked;
