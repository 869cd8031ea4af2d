/** Tool integration: registry, built-in tools, MCP servers, execution with validation and sandboxing. */
@NullMarked
package dev.berrys.tool;

import org.jspecify.annotations.NullMarked;
