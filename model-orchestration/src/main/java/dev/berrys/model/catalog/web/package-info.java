@NullMarked
package dev.berrys.model.catalog.web;

import org.jspecify.annotations.NullMarked;
