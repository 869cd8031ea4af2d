@NullMarked
package dev.berrys.tool.execution;

import org.jspecify.annotations.NullMarked;
