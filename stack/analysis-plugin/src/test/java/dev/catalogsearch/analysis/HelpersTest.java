package dev.catalogsearch.analysis;

import org.apache.lucene.analysis.miscellaneous.EmptyTokenStream;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelpersTest {

    // --- token_chars

    @Test
    void emptyTokenCharsKeepsEverything() {
        assertNull(TokenChars.parse(List.of(), ""));
    }

    @Test
    void tokenCharClasses() {
        IntPredicate letters = TokenChars.parse(List.of("letter"), "");
        assertTrue(letters.test('a'));
        assertTrue(letters.test('é'));
        assertFalse(letters.test('1'));
        IntPredicate mixed = TokenChars.parse(List.of(" Digit ", "PUNCTUATION", "symbol", "whitespace"), "");
        assertTrue(mixed.test('7'));
        assertTrue(mixed.test('-'));
        assertTrue(mixed.test('$'));
        assertTrue(mixed.test('+'));
        assertTrue(mixed.test(' '));
        assertFalse(mixed.test('a'));
    }

    @Test
    void customTokenChars() {
        IntPredicate custom = TokenChars.parse(List.of("letter", "custom"), "+#");
        assertTrue(custom.test('+'));
        assertTrue(custom.test('#'));
        assertTrue(custom.test('c'));
        assertFalse(custom.test('-'));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenChars.parse(List.of("custom"), ""));
        assertTrue(e.getMessage().contains("custom_token_chars"));
    }

    @Test
    void unicodeCategoryNamesAreAcceptedLikeElasticsearch() {
        IntPredicate upper = TokenChars.parse(List.of("uppercase_letter"), "");
        assertTrue(upper.test('A'));
        assertFalse(upper.test('a'));
    }

    @Test
    void unknownTokenCharsIsAnIllegalArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenChars.parse(List.of("letters"), ""));
        assertTrue(e.getMessage().startsWith("Unknown token type: 'letters'"));
    }

    // --- stemmer languages

    @ParameterizedTest
    @CsvSource({
        "english, PorterStemFilter",
        "porter, PorterStemFilter",
        "PORTER, PorterStemFilter",
        "porter2, SnowballFilter",
        "light_english, KStemFilter",
        "lightEnglish, KStemFilter",
        "kstem, KStemFilter",
        "minimal_english, EnglishMinimalStemFilter",
        "minimalEnglish, EnglishMinimalStemFilter",
        "possessive_english, EnglishPossessiveFilter",
        "possessiveEnglish, EnglishPossessiveFilter" })
    void stemmerLanguagesMapToElasticsearchsLuceneClasses(String language, String filter) {
        assertEquals(filter, Stemmers.forLanguage(language).wrap(new EmptyTokenStream()).getClass().getSimpleName());
    }

    @Test
    void unknownStemmerLanguageIsAnIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> Stemmers.forLanguage("klingon"));
        assertThrows(IllegalArgumentException.class, () -> Stemmers.forLanguage("german")); // not carried: see README
    }

    // --- word delimiter type table

    @Test
    void emptyTypeTableIsLucenesDefault() {
        assertSame(WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE, WordDelimiterSettings.parseTypeTable(List.of()));
    }

    @Test
    void typeTableOverridesSingleCharacters() {
        byte[] table = WordDelimiterSettings.parseTypeTable(List.of("- => ALPHA", "\\u002C => DIGIT", "\\u200D => alphanum"));
        assertEquals(WordDelimiterSettings.ALPHA, table['-']);
        assertEquals(WordDelimiterSettings.DIGIT, table[',']);
        assertEquals(WordDelimiterSettings.ALPHANUM, table['\u200D']);
        assertEquals(WordDelimiterIterator.getType('a'), table['a']);
        assertEquals(0x200D + 1, table.length);
    }

    @Test
    void badTypeTableRules() {
        assertThrows(IllegalArgumentException.class, () -> WordDelimiterSettings.parseTypeTable(List.of("- ALPHA")));
        assertThrows(IllegalArgumentException.class, () -> WordDelimiterSettings.parseTypeTable(List.of("ab => ALPHA")));
        assertThrows(IllegalArgumentException.class, () -> WordDelimiterSettings.parseTypeTable(List.of("- => LETTER")));
    }

    @Test
    void unescape() {
        assertEquals("\t", WordDelimiterSettings.unescape("\\t"));
        assertEquals("\\", WordDelimiterSettings.unescape("\\\\"));
        assertEquals("A", WordDelimiterSettings.unescape("\\u0041"));
        assertThrows(IllegalArgumentException.class, () -> WordDelimiterSettings.unescape("\\u00"));
    }

    @Test
    void flagsAccumulate() {
        WordDelimiterSettings.Flags flags = new WordDelimiterSettings.Flags();
        flags.set(1, "a", "true");
        flags.set(2, "b", "false");
        flags.set(4, "c", "true");
        assertEquals(5, flags.value());
        assertThrows(IllegalArgumentException.class, () -> flags.set(8, "d", "yes"));
    }

    // --- setting values

    @Test
    void booleansAreStrict() {
        assertTrue(SettingValues.parseBoolean("k", "true"));
        assertFalse(SettingValues.parseBoolean("k", "false"));
        assertThrows(IllegalArgumentException.class, () -> SettingValues.parseBoolean("k", "True"));
        assertThrows(IllegalArgumentException.class, () -> SettingValues.parseBoolean("k", "1"));
    }

    @Test
    void intsAreCheckedWithTheSettingName() {
        assertEquals(3, SettingValues.parseInt("min_gram", " 3 "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SettingValues.parseInt("min_gram", "x"));
        assertTrue(e.getMessage().contains("[min_gram]"));
    }

    // --- deferred validation

    @Test
    void validatedRethrowsOnEveryUse() {
        Validated<Integer> bad = Validated.of(() -> {
            throw new IllegalArgumentException("nope");
        });
        assertEquals("nope", assertThrows(IllegalArgumentException.class, bad::get).getMessage());
        assertEquals("nope", assertThrows(IllegalArgumentException.class, bad::get).getMessage());
        assertEquals(7, Validated.of(() -> 7).get());
    }

    @Test
    void wordDelimiterDefaultTableIsUntouched() {
        byte[] before = WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE.clone();
        WordDelimiterSettings.parseTypeTable(List.of("- => ALPHA"));
        assertArrayEquals(before, WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE);
    }
}
