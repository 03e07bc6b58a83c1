package dev.catalogsearch.analysis;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/** Parses Elasticsearch's n-gram {@code token_chars} classes into a code-point predicate. */
final class TokenChars {

    private static final IntPredicate LETTER = Character::isLetter;
    private static final IntPredicate DIGIT = Character::isDigit;
    private static final IntPredicate WHITESPACE = Character::isWhitespace;
    private static final IntPredicate PUNCTUATION = c -> switch (Character.getType(c)) {
        case Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.OTHER_PUNCTUATION,
            Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
            Character.FINAL_QUOTE_PUNCTUATION -> true;
        default -> false;
    };
    private static final IntPredicate SYMBOL = c -> switch (Character.getType(c)) {
        case Character.CURRENCY_SYMBOL, Character.MATH_SYMBOL, Character.OTHER_SYMBOL, Character.MODIFIER_SYMBOL -> true;
        default -> false;
    };

    /** The documented classes, plus (undocumented but accepted by Elasticsearch) every java.lang.Character category. */
    static final Map<String, IntPredicate> CLASSES = new TreeMap<>();

    static {
        CLASSES.put("letter", LETTER);
        CLASSES.put("digit", DIGIT);
        CLASSES.put("whitespace", WHITESPACE);
        CLASSES.put("punctuation", PUNCTUATION);
        CLASSES.put("symbol", SYMBOL);
        for (Field field : Character.class.getFields()) {
            int mod = field.getModifiers();
            if (field.getType() == byte.class && Modifier.isStatic(mod) && field.getName().startsWith("DIRECTIONALITY") == false) {
                try {
                    byte category = field.getByte(null);
                    CLASSES.putIfAbsent(field.getName().toLowerCase(Locale.ROOT), c -> Character.getType(c) == category);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    private TokenChars() {}

    /**
     * @return null when {@code classes} is empty (every character is a token character), else the union of the classes
     * @throws IllegalArgumentException for an unknown class, or "custom" without {@code custom_token_chars}
     */
    static IntPredicate parse(List<String> classes, String customTokenChars) {
        if (classes.isEmpty()) {
            return null;
        }
        IntPredicate result = c -> false;
        for (String raw : classes) {
            String name = raw.toLowerCase(Locale.ROOT).trim();
            IntPredicate matcher = CLASSES.get(name);
            if (matcher == null && name.equals("custom")) {
                if (customTokenChars.isEmpty()) {
                    throw new IllegalArgumentException("Token type: 'custom' requires setting `custom_token_chars`");
                }
                Set<Integer> custom = customTokenChars.codePoints().boxed().collect(Collectors.toSet());
                matcher = custom::contains;
            }
            if (matcher == null) {
                throw new IllegalArgumentException(
                    "Unknown token type: '" + name + "', must be one of [letter, digit, whitespace, punctuation, symbol, custom]"
                        + " or a java.lang.Character category name"
                );
            }
            result = result.or(matcher);
        }
        return result;
    }
}
