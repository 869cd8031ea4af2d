@NullMarked
package dev.berrys.tool.crypto;

import org.jspecify.annotations.NullMarked;
