@NullMarked
package dev.berrys.tool.workspace;

import org.jspecify.annotations.NullMarked;
