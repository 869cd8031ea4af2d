@NullMarked
package dev.berrys.tool.mcp;

import org.jspecify.annotations.NullMarked;
