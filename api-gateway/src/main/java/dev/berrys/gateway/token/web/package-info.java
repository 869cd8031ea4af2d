@NullMarked
package dev.berrys.gateway.token.web;

import org.jspecify.annotations.NullMarked;
