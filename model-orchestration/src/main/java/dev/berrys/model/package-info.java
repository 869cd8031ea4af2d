@NullMarked
package dev.berrys.model;

import org.jspecify.annotations.NullMarked;
