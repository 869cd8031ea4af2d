@NullMarked
package dev.berrys.project.result.web;

import org.jspecify.annotations.NullMarked;
