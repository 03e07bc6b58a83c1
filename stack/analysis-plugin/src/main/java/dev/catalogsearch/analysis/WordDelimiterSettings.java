package dev.catalogsearch.analysis;

import org.apache.lucene.analysis.miscellaneous.WordDelimiterIterator;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing shared by word-delimiter settings: the boolean flags and Elasticsearch's {@code type_table} rules. */
final class WordDelimiterSettings {

    // Lucene's character types (WordDelimiterIterator keeps LOWER/UPPER/DIGIT/SUBWORD_DELIM package-private).
    static final byte LOWER = 0x01;
    static final byte UPPER = 0x02;
    static final byte DIGIT = 0x04;
    static final byte SUBWORD_DELIM = 0x08;
    static final byte ALPHA = LOWER | UPPER;
    static final byte ALPHANUM = ALPHA | DIGIT;

    private static final Map<String, Byte> TYPES = Map.of(
        "LOWER", LOWER, "UPPER", UPPER, "ALPHA", ALPHA, "DIGIT", DIGIT, "ALPHANUM", ALPHANUM, "SUBWORD_DELIM", SUBWORD_DELIM
    );

    /** Same rule shape Elasticsearch accepts: {@code <char> => <TYPE>}. */
    private static final Pattern RULE = Pattern.compile("(.*)\\s*=>\\s*(.*)\\s*$");

    private WordDelimiterSettings() {}

    /** Accumulates the Lucene flag bits from boolean settings. */
    static final class Flags {
        private int value;

        void set(int flag, String key, String setting) {
            if (SettingValues.parseBoolean(key, setting)) {
                value |= flag;
            }
        }

        int value() {
            return value;
        }
    }

    /**
     * Builds the character-type table: Lucene's default table, with each rule overriding one character.
     * An empty list means the default table.
     */
    static byte[] parseTypeTable(List<String> rules) {
        if (rules.isEmpty()) {
            return WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE;
        }
        TreeMap<Character, Byte> overrides = new TreeMap<>();
        for (String rule : rules) {
            Matcher m = RULE.matcher(rule);
            if (m.find() == false) {
                throw new IllegalArgumentException("Invalid Mapping Rule : [" + rule + "]");
            }
            String lhs = unescape(m.group(1).trim());
            Byte type = TYPES.get(m.group(2).trim().toUpperCase(Locale.ROOT));
            if (lhs.length() != 1) {
                throw new IllegalArgumentException("Invalid Mapping Rule : [" + rule + "]. Only a single character is allowed.");
            }
            if (type == null) {
                throw new IllegalArgumentException("Invalid Mapping Rule : [" + rule + "]. Illegal type.");
            }
            overrides.put(lhs.charAt(0), type);
        }
        byte[] table = new byte[Math.max(overrides.lastKey() + 1, WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE.length)];
        for (int i = 0; i < table.length; i++) {
            table[i] = WordDelimiterIterator.getType(i);
        }
        overrides.forEach((c, type) -> table[c] = type);
        return table;
    }

    /** Resolves the escapes Elasticsearch allows on the left of a rule: \\, \n, \t, \r, \b, \f and \\uXXXX. */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char next = s.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 >= s.length()) {
                        throw new IllegalArgumentException("Invalid escaped char in [" + s + "]");
                    }
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
