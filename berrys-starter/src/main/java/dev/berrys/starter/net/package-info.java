/**
 * Which addresses a service may call on a tenant's behalf: one {@link dev.berrys.starter.net.AddressFilter}
 * for tools, MCP servers and model providers alike.
 */
@NullMarked
package dev.berrys.starter.net;

import org.jspecify.annotations.NullMarked;
