package dev.berrys.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.berrys.gateway.identity.AuthProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

class LoginThrottleTests {

    @Test
    void eachFailureDoublesTheDelayUpToTheCap() {
        AuthProperties props = new AuthProperties(
                "",
                "roles",
                "tenant",
                "berrys",
                Duration.ofHours(1),
                "",
                "",
                "default",
                Duration.ofSeconds(15),
                Duration.ofSeconds(30),
                new AuthProperties.Admin("admin", ""),
                new AuthProperties.ServiceClient("berrys-services", "", List.of()),
                new AuthProperties.Login(5, Duration.ofMinutes(15), Duration.ofMillis(250), Duration.ofSeconds(4)));
        LoginThrottle throttle = new LoginThrottle(mock(ReactiveStringRedisTemplate.class), props);

        assertThat(throttle.delayAfter(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(throttle.delayAfter(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(throttle.delayAfter(4)).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.delayAfter(5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(throttle.delayAfter(60)).isEqualTo(Duration.ofSeconds(4));
    }
}
