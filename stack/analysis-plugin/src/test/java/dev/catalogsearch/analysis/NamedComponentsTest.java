package dev.catalogsearch.analysis;

import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.analysis.TokenizerFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * named_components.json is hand-kept beside the sources (the installer's own jar scan is slow and keeps only one of
 * two components sharing a name, like the edge_ngram filter and tokenizer). This test reflects over the compiled
 * classes and fails with the expected file content when the two disagree.
 */
class NamedComponentsTest {

    /** The extensible interfaces, in the order the file lists them. */
    private static final List<Class<?>> EXTENSIBLES = List.of(TokenFilterFactory.class, TokenizerFactory.class, AnalyzerFactory.class);

    @Test
    void namedComponentsJsonMatchesAnnotations() throws Exception {
        String expected = render(scan());
        String actual = Files.readString(Path.of("src/main/plugin/named_components.json"), StandardCharsets.UTF_8);
        assertEquals(expected.strip(), actual.strip(), "src/main/plugin/named_components.json is out of date");
    }

    @Test
    void everyComponentIsConstructibleTheWayElasticsearchExpects() throws Exception {
        for (Class<?> type : annotatedClasses()) {
            assertTrue(Modifier.isPublic(type.getModifiers()), type + " must be public");
            Constructor<?>[] constructors = type.getConstructors();
            assertEquals(1, constructors.length, type + " needs exactly one public constructor");
            Constructor<?> constructor = constructors[0];
            if (constructor.getParameterCount() > 0) {
                assertNotNull(constructor.getAnnotation(Inject.class), type + ": a constructor with parameters needs @Inject");
                for (Class<?> parameter : constructor.getParameterTypes()) {
                    assertTrue(parameter.isInterface() && parameter.isAnnotationPresent(AnalysisSettings.class),
                        type + ": constructor parameters must be @AnalysisSettings interfaces");
                    assertTrue(Modifier.isPublic(parameter.getModifiers()), parameter + " must be public");
                }
            }
        }
    }

    /** extensible interface name -> (component name -> class name), sorted for a stable file. */
    static Map<String, Map<String, String>> scan() throws Exception {
        Map<String, Map<String, String>> result = new TreeMap<>();
        for (Class<?> type : annotatedClasses()) {
            String name = type.getAnnotation(NamedComponent.class).value();
            List<Class<?>> implemented = EXTENSIBLES.stream().filter(e -> e.isAssignableFrom(type)).toList();
            assertEquals(1, implemented.size(), type + " must implement exactly one analysis extensible");
            String previous = result.computeIfAbsent(implemented.get(0).getName(), k -> new TreeMap<>()).put(name, type.getName());
            assertEquals(null, previous, "two " + implemented.get(0).getSimpleName() + "s named " + name);
        }
        return result;
    }

    private static List<Class<?>> annotatedClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(StemmerTokenFilterFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.map(p -> classes.relativize(p).toString())
                .filter(p -> p.endsWith(".class") && p.contains("$") == false)
                .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
                .sorted()
                .collect(Collectors.toList());
        }
        List<Class<?>> annotated = new java.util.ArrayList<>();
        for (String name : names) {
            Class<?> type = Class.forName(name);
            if (type.isAnnotationPresent(NamedComponent.class)) {
                annotated.add(type);
            }
        }
        assertFalse(annotated.isEmpty(), "no @NamedComponent classes found under " + classes);
        return annotated;
    }

    private static String render(Map<String, Map<String, String>> components) {
        StringBuilder json = new StringBuilder("{\n");
        List<String> extensibles = EXTENSIBLES.stream().map(Class::getName).filter(components::containsKey).toList();
        for (int i = 0; i < extensibles.size(); i++) {
            json.append("  \"").append(extensibles.get(i)).append("\": {\n");
            List<Map.Entry<String, String>> entries = List.copyOf(components.get(extensibles.get(i)).entrySet());
            for (int j = 0; j < entries.size(); j++) {
                json.append("    \"").append(entries.get(j).getKey()).append("\": \"").append(entries.get(j).getValue()).append('"');
                json.append(j + 1 < entries.size() ? ",\n" : "\n");
            }
            json.append(i + 1 < extensibles.size() ? "  },\n" : "  }\n");
        }
        return json.append("}\n").toString();
    }
}
