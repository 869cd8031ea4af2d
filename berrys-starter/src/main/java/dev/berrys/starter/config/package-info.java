@NullMarked
package dev.berrys.starter.config;

import org.jspecify.annotations.NullMarked;
