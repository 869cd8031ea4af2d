@NullMarked
package dev.berrys.project.timeline.web;

import org.jspecify.annotations.NullMarked;
