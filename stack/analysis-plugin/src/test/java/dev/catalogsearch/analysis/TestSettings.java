package dev.catalogsearch.analysis;

import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.IntSetting;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.StringSetting;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

/**
 * Builds an {@code @AnalysisSettings} proxy from a map, the way Elasticsearch's SettingsInvocationHandler does:
 * the path's value parsed per annotation type, else the annotation's default; a missing list is empty.
 */
final class TestSettings {

    private TestSettings() {}

    static <T> T of(Class<T> settingsInterface, Map<String, ?> values) {
        return settingsInterface.cast(Proxy.newProxyInstance(settingsInterface.getClassLoader(), new Class<?>[] { settingsInterface },
            (proxy, method, args) -> {
                ListSetting list = method.getAnnotation(ListSetting.class);
                if (list != null) {
                    Object v = values.get(list.path());
                    return v == null ? List.of() : v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(v.toString());
                }
                StringSetting string = method.getAnnotation(StringSetting.class);
                if (string != null) {
                    Object v = values.get(string.path());
                    return v == null ? string.defaultValue() : v.toString();
                }
                IntSetting integer = method.getAnnotation(IntSetting.class);
                if (integer != null) {
                    Object v = values.get(integer.path());
                    return v == null ? integer.defaultValue() : Integer.valueOf(v.toString());
                }
                BooleanSetting bool = method.getAnnotation(BooleanSetting.class);
                if (bool != null) {
                    Object v = values.get(bool.path());
                    return v == null ? bool.defaultValue() : Boolean.valueOf(v.toString());
                }
                throw new IllegalArgumentException("unannotated settings method " + method);
            }));
    }
}
