package dev.berrys.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;

class CorsConfigTests {

    @Test
    void noOriginsConfiguredMeansNoCrossOriginAccess() {
        ServerHttpResponse response = preflight(source(List.of()), "https://evil.example");
        assertThat(response.getHeaders().getAccessControlAllowOrigin()).isNull();
    }

    @Test
    void aConfiguredOriginMaySendTokensAndTraceHeaders() {
        CorsConfigurationSource source = source(List.of("https://app.example", " "));

        ServerHttpResponse allowed = preflight(source, "https://app.example");
        assertThat(allowed.getHeaders().getAccessControlAllowOrigin()).isEqualTo("https://app.example");
        assertThat(allowed.getHeaders().getAccessControlAllowHeaders()).contains("Authorization", "traceparent");

        ServerHttpResponse other = preflight(source, "https://evil.example");
        assertThat(other.getHeaders().getAccessControlAllowOrigin()).isNull();
    }

    private static CorsConfigurationSource source(List<String> origins) {
        return new CorsConfig().corsConfigurationSource(new CorsConfig.CorsProperties(origins));
    }

    private static ServerHttpResponse preflight(CorsConfigurationSource source, String origin) {
        MockServerWebExchange exchange =
                MockServerWebExchange.from(MockServerHttpRequest.options("https://berrys.example/api/projects")
                        .header(HttpHeaders.ORIGIN, origin)
                        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpMethod.POST.name())
                        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "Authorization, traceparent"));
        new DefaultCorsProcessor().process(source.getCorsConfiguration(exchange), exchange);
        return exchange.getResponse();
    }
}
