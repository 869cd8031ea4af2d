@NullMarked
package dev.berrys.model.web;

import org.jspecify.annotations.NullMarked;
