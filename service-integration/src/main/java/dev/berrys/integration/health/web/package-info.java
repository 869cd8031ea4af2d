@NullMarked
package dev.berrys.integration.health.web;

import org.jspecify.annotations.NullMarked;
