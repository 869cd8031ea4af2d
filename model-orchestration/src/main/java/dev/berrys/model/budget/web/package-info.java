@NullMarked
package dev.berrys.model.budget.web;

import org.jspecify.annotations.NullMarked;
