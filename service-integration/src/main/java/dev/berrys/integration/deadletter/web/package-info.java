@NullMarked
package dev.berrys.integration.deadletter.web;

import org.jspecify.annotations.NullMarked;
