@NullMarked
package dev.berrys.tool.execution.web;

import org.jspecify.annotations.NullMarked;
