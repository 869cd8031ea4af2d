/**
 * JSON Schema (draft 2020-12) for schemas that tenants and models supply: one helper that never fetches
 * a document and bounds what a tenant's {@code pattern} may cost.
 */
@NullMarked
package dev.berrys.starter.schema;

import org.jspecify.annotations.NullMarked;
