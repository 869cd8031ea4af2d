@NullMarked
package dev.berrys.model.catalog;

import org.jspecify.annotations.NullMarked;
