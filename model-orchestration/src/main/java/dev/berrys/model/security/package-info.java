@NullMarked
package dev.berrys.model.security;

import org.jspecify.annotations.NullMarked;
