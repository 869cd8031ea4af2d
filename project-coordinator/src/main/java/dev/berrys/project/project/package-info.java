@NullMarked
package dev.berrys.project.project;

import org.jspecify.annotations.NullMarked;
