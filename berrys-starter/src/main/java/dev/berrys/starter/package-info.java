/** Cross-cutting plumbing shared by every Berrys servlet service. */
@NullMarked
package dev.berrys.starter;

import org.jspecify.annotations.NullMarked;
