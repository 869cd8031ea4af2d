package dev.berrys.model.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/** {@code @PreAuthorize} on endpoints that only people may call (e.g. setting a budget). */
@Configuration
@EnableMethodSecurity
class MethodSecurityConfig {}
