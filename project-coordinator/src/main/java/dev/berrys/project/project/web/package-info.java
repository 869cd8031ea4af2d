@NullMarked
package dev.berrys.project.project.web;

import org.jspecify.annotations.NullMarked;
