package dev.berrys.integration.health.web;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param services every service's name and base URL, for the health overview */
@ConfigurationProperties("berrys.system")
record SystemProperties(Map<String, String> services) {}
