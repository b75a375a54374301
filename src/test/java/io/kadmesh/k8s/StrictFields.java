package io.kadmesh.k8s;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * Fields the Kubernetes API does not know. fabric8's model keeps any field it does not know in
 * {@code getAdditionalProperties()} (where the API server would reject it, or silently drop it); this
 * walks every model bean by reflection and names the path of each such field, e.g.
 * {@code .spec.template.spec.containers[0].ports[0].containerPrt}.
 */
final class StrictFields {

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";
    private static final String ADDITIONAL = "getAdditionalProperties";

    private StrictFields() {
    }

    /** The paths, from the object's root, of every field the model does not know. */
    static List<String> unknown(Object object) {
        List<String> found = new ArrayList<>();
        walk(object, "", found);
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", found);
            }
        } else if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, entry) -> walk(entry, path + "." + key, found));
        } else if (isModelBean(value)) {
            walkBean(value, path, found);
        }
    }

    /** Model beans, except the two whose getters compute views of their one value. */
    private static boolean isModelBean(Object value) {
        return value != null && value.getClass().getName().startsWith(MODEL_PACKAGE)
                && !(value instanceof IntOrString) && !(value instanceof Quantity);
    }

    private static void walkBean(Object bean, String path, List<String> found) {
        for (Method getter : getters(bean.getClass())) {
            Object value = invoke(getter, bean);
            if (getter.getName().equals(ADDITIONAL)) {
                (value == null ? Map.of() : (Map<?, ?>) value).keySet().forEach(key -> found.add(path + "." + key));
            } else {
                walk(value, path + "." + property(getter), found);
            }
        }
    }

    private static List<Method> getters(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(method -> method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers()))
                .filter(method -> method.getName().startsWith("get") && !method.getName().equals("getClass"))
                .filter(method -> method.getDeclaringClass().getName().startsWith(MODEL_PACKAGE))
                // Fields are classes' getters; interfaces' default methods compute views (getFullResourceName)
                .filter(method -> !method.getDeclaringClass().isInterface())
                .sorted(Comparator.comparing(Method::getName)).toList();
    }

    private static Object invoke(Method getter, Object bean) {
        try {
            return getter.invoke(bean);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter + " of " + bean.getClass().getName(), e);
        }
    }

    private static String property(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
