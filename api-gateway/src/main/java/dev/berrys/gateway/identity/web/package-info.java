@NullMarked
package dev.berrys.gateway.identity.web;

import org.jspecify.annotations.NullMarked;
