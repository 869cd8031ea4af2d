package dev.berrys.dashboard.web;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the app from {@code classpath:/static/}. Vite names everything under {@code /assets/} by
 * content hash, so those files may be cached for a year; every other path, including the
 * {@code index.html} that deep links fall back to, must be revalidated so a new release is seen at
 * once.
 */
@Configuration(proxyBeanMethods = false)
class SinglePageAppConfig implements WebMvcConfigurer {

    static final String STATIC = "classpath:/static/";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations(STATIC + "assets/")
                .setCacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        registry.addResourceHandler("/**")
                .addResourceLocations(STATIC)
                .setCacheControl(CacheControl.noCache())
                .resourceChain(true)
                .addResolver(new IndexFallbackResolver());
    }
}
