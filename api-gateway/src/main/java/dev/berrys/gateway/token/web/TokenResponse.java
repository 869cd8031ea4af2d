package dev.berrys.gateway.token.web;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The OAuth2-style token answer. */
record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {}
