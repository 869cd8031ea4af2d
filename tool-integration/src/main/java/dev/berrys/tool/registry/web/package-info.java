@NullMarked
package dev.berrys.tool.registry.web;

import org.jspecify.annotations.NullMarked;
