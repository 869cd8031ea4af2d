@NullMarked
package dev.berrys.model.upstream;

import org.jspecify.annotations.NullMarked;
