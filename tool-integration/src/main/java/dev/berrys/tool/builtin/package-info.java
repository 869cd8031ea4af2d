@NullMarked
package dev.berrys.tool.builtin;

import org.jspecify.annotations.NullMarked;
