@NullMarked
package dev.berrys.tool.registry;

import org.jspecify.annotations.NullMarked;
