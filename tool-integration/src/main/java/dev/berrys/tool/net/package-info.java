@NullMarked
package dev.berrys.tool.net;

import org.jspecify.annotations.NullMarked;
