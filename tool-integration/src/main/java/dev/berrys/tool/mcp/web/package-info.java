@NullMarked
package dev.berrys.tool.mcp.web;

import org.jspecify.annotations.NullMarked;
