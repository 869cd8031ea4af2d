@NullMarked
package dev.berrys.project.approval;

import org.jspecify.annotations.NullMarked;
