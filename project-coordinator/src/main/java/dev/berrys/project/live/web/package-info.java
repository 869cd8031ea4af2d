@NullMarked
package dev.berrys.project.live.web;

import org.jspecify.annotations.NullMarked;
