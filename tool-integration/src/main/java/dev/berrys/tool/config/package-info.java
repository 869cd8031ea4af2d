@NullMarked
package dev.berrys.tool.config;

import org.jspecify.annotations.NullMarked;
