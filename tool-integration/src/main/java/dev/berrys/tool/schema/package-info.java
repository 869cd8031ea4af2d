@NullMarked
package dev.berrys.tool.schema;

import org.jspecify.annotations.NullMarked;
