@NullMarked
package dev.berrys.gateway.apidocs;

import org.jspecify.annotations.NullMarked;
