@NullMarked
package dev.berrys.model.usage.web;

import org.jspecify.annotations.NullMarked;
