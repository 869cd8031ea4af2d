package dev.berrys.starter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class CachingJwtDecoderTests {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    final AtomicInteger verifications = new AtomicInteger();

    JwtDecoder delegate(Instant expiresAt) {
        return token -> {
            verifications.incrementAndGet();
            if (token.startsWith("bad")) {
                throw new BadJwtException("signature does not match");
            }
            return Jwt.withTokenValue(token)
                    .header("alg", "RS256")
                    .claim("sub", "alice")
                    .issuedAt(NOW.minusSeconds(10))
                    .expiresAt(expiresAt)
                    .build();
        };
    }

    @Test
    void aVerifiedTokenIsVerifiedOnceUntilItExpires() {
        var clock = new MutableClock(NOW);
        var decoder = new CachingJwtDecoder(delegate(NOW.plusSeconds(60)), clock);

        assertThat(decoder.decode("good").getSubject()).isEqualTo("alice");
        assertThat(decoder.decode("good").getSubject()).isEqualTo("alice");
        assertThat(verifications).hasValue(1);

        clock.now = NOW.plusSeconds(61);
        decoder.decode("good");
        assertThat(verifications)
                .as("an expired token goes back to the verifier")
                .hasValue(2);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        var decoder = new CachingJwtDecoder(delegate(NOW.plusSeconds(60)), new MutableClock(NOW));
        assertThatThrownBy(() -> decoder.decode("bad-1")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("bad-1")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
