@NullMarked
package dev.berrys.starter.web;

import org.jspecify.annotations.NullMarked;
