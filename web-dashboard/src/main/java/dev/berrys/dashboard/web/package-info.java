@NullMarked
package dev.berrys.dashboard.web;

import org.jspecify.annotations.NullMarked;
