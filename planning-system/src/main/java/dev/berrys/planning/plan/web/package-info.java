@NullMarked
package dev.berrys.planning.plan.web;

import org.jspecify.annotations.NullMarked;
