package dev.berrys.starter.events;

import dev.berrys.contracts.events.DeclaredEvent;
import dev.berrys.contracts.events.EventCatalogue;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Collects {@link OnEvent} methods of every bean, by the stream and type their payload class declares. */
final class EventHandlers implements BeanPostProcessor {

    private final Map<String, Map<String, List<Invoker>>> byStream = new ConcurrentHashMap<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> type = AopUtils.getTargetClass(bean);
        ReflectionUtils.doWithMethods(type, method -> {
            OnEvent on = AnnotatedElementUtils.findMergedAnnotation(method, OnEvent.class);
            if (on != null) {
                register(on, bean, method);
            }
        });
        return bean;
    }

    private void register(OnEvent on, Object bean, Method method) {
        Class<?>[] params = method.getParameterTypes();
        if (params.length < 1 || params.length > 2 || (params.length == 2 && params[1] != EventMetadata.class)) {
            throw new IllegalStateException(
                    "@OnEvent method " + method + " must take (payload) or (payload, EventMetadata)");
        }
        DeclaredEvent event = eventOf(on, method, params[0]);
        Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
        ReflectionUtils.makeAccessible(invocable);
        byStream.computeIfAbsent(event.stream(), s -> new ConcurrentHashMap<>())
                .computeIfAbsent(event.type(), t -> new ArrayList<>())
                .add(new Invoker(bean, invocable, params[0], params.length == 2));
    }

    /**
     * The event a handler handles: named by its payload parameter, or by {@link OnEvent#value()} for a handler
     * that reads the payload as a {@code JsonNode}.
     */
    static DeclaredEvent eventOf(OnEvent on, Method method, Class<?> parameter) {
        Class<?> named = on.value();
        if (named == void.class) {
            if (JsonNode.class.isAssignableFrom(parameter)) {
                throw new IllegalStateException("@OnEvent method " + method
                        + " reads the payload as a JsonNode: name its event, e.g. @OnEvent(PlanCreated.class)");
            }
            return EventCatalogue.of(parameter)
                    .orElseThrow(() -> new IllegalStateException("@OnEvent method " + method + " takes "
                            + parameter.getName() + ", which is not a declared event (a payload record with"
                            + " @Event(type, stream) in shared-contracts)"));
        }
        if (parameter != named && !JsonNode.class.isAssignableFrom(parameter)) {
            throw new IllegalStateException("@OnEvent(" + named.getSimpleName() + ".class) method " + method
                    + " takes " + parameter.getName() + ": take the payload " + named.getSimpleName()
                    + " or a JsonNode");
        }
        return EventCatalogue.of(named)
                .orElseThrow(() -> new IllegalStateException("@OnEvent method " + method + " names "
                        + named.getName() + ", which is not a declared event (a payload record with"
                        + " @Event(type, stream) in shared-contracts)"));
    }

    Set<String> streams() {
        return byStream.keySet();
    }

    List<Invoker> handlersFor(String stream, String type) {
        return byStream.getOrDefault(stream, Map.of()).getOrDefault(type, List.of());
    }

    record Invoker(Object bean, Method method, Class<?> payloadType, boolean wantsMetadata) {
        void invoke(JsonMapper json, JsonNode data, EventMetadata metadata) {
            Object payload = payloadType.isInstance(data) ? data : json.treeToValue(data, payloadType);
            try {
                if (wantsMetadata) {
                    method.invoke(bean, payload, metadata);
                } else {
                    method.invoke(bean, payload);
                }
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
