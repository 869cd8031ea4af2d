package dev.berrys.gateway.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The bean exists only when the gateway is its own issuer, i.e. {@code BERRYS_ISSUER_URI} is unset.
 * With {@code external = true}, only when an external OIDC issuer is configured.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(BuiltInIssuer.OnIssuerMode.class)
public @interface BuiltInIssuer {

    boolean external() default false;

    final class OnIssuerMode implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var attributes = metadata.getAnnotationAttributes(BuiltInIssuer.class.getName());
            boolean wantExternal = attributes != null && Boolean.TRUE.equals(attributes.get("external"));
            boolean external = StringUtils.hasText(context.getEnvironment().getProperty("berrys.auth.issuer-uri"));
            return external == wantExternal;
        }
    }
}
