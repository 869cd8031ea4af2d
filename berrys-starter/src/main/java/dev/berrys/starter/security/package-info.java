@NullMarked
package dev.berrys.starter.security;

import org.jspecify.annotations.NullMarked;
