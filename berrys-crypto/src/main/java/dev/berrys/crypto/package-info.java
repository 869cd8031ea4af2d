/** Encryption of secrets at rest, shared by the servlet services and the gateway; no Spring in here. */
@NullMarked
package dev.berrys.crypto;

import org.jspecify.annotations.NullMarked;
