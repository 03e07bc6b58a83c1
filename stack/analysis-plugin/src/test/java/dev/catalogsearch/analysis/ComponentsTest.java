package dev.catalogsearch.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.miscellaneous.EmptyTokenStream;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Each factory built from settings the way Elasticsearch builds it, then run on text. The end-to-end expectations
 * (checked against a real node) live in analyze-cases.json; these cover what that file cannot reach.
 */
class ComponentsTest {

    @Test
    void badSettingsFailOnUseNotInTheConstructor() {
        // Elasticsearch turns a constructor exception into a 500; create() exceptions stay 400s (see Validated).
        StemmerTokenFilterFactory stemmer = new StemmerTokenFilterFactory(
            TestSettings.of(StemmerTokenFilterFactory.Settings.class, Map.of("language", "klingon")));
        assertThrows(IllegalArgumentException.class, () -> stemmer.create(new EmptyTokenStream()));

        EdgeNGramTokenizerFactory tokenizer = new EdgeNGramTokenizerFactory(
            TestSettings.of(EdgeNGramTokenizerFactory.Settings.class, Map.of("min_gram", "x")));
        assertThrows(IllegalArgumentException.class, tokenizer::create);
    }

    @Test
    void stemmerPrefersLanguageOverName() {
        StemmerTokenFilterFactory f = new StemmerTokenFilterFactory(TestSettings.of(StemmerTokenFilterFactory.Settings.class,
            Map.of("language", "possessive_english", "name", "porter")));
        assertEquals(List.of("running/0"), Tokens.analyze(f::create, "running's"));
    }

    @Test
    void edgeNGramFilterSideBack() {
        EdgeNGramTokenFilterFactory f = new EdgeNGramTokenFilterFactory(TestSettings.of(EdgeNGramTokenFilterFactory.Settings.class,
            Map.of("min_gram", "2", "max_gram", "3", "side", "back")));
        assertEquals(List.of("op/0", "top/0"), Tokens.analyze(f::create, "laptop"));
        EdgeNGramTokenFilterFactory bad = new EdgeNGramTokenFilterFactory(
            TestSettings.of(EdgeNGramTokenFilterFactory.Settings.class, Map.of("side", "middle")));
        assertThrows(IllegalArgumentException.class, () -> bad.create(new EmptyTokenStream()));
    }

    @Test
    void wordDelimiterIgnoreKeywords() {
        // keyword_marker is itself an analysis-common filter, so this flag is only testable here.
        WordDelimiterGraphTokenFilterFactory f = new WordDelimiterGraphTokenFilterFactory(TestSettings.of(
            WordDelimiterGraphTokenFilterFactory.Settings.class, Map.of("ignore_keywords", "true")));
        CharArraySet keywords = new CharArraySet(List.of("Wi-Fi"), false);
        assertEquals(List.of("Wi-Fi/0", "USB/1", "C/2"),
            Tokens.analyze(WhitespaceTokenizer::new, in -> f.create(new SetKeywordMarkerFilter(in, keywords)), "Wi-Fi USB-C"));
    }

    @Test
    void synonymRulesAreLowercasedWithTheFixedRuleAnalyzer() {
        SynonymGraphTokenFilterFactory f = new SynonymGraphTokenFilterFactory(TestSettings.of(SynonymGraphTokenFilterFactory.Settings.class,
            Map.of("synonyms", List.of("Laptop, NoteBook"))));
        assertEquals(List.of("notebook/0", "laptop/0"), Tokens.analyze(in -> f.create(new LowerCaseFilter(in)), "LAPTOP"));
    }

    @Test
    void emptySynonymsPassThrough() {
        SynonymGraphTokenFilterFactory f = new SynonymGraphTokenFilterFactory(
            TestSettings.of(SynonymGraphTokenFilterFactory.Settings.class, Map.of()));
        assertEquals(List.of("a/0"), Tokens.analyze(f::create, "a"));
    }

    @Test
    void synonymsPathIsRejected() {
        SynonymGraphTokenFilterFactory f = new SynonymGraphTokenFilterFactory(TestSettings.of(SynonymGraphTokenFilterFactory.Settings.class,
            Map.of("synonyms_path", "analysis/synonyms.txt")));
        assertThrows(IllegalArgumentException.class, () -> f.create(new EmptyTokenStream()));
    }

    @Test
    void englishAnalyzerSettings() {
        Analyzer defaults = new EnglishAnalyzerFactory(TestSettings.of(EnglishAnalyzerFactory.Settings.class, Map.of())).create();
        assertEquals(List.of("run/1", "shoe/2"), Tokens.analyze(defaults, "The running shoes"));

        Analyzer custom = new EnglishAnalyzerFactory(TestSettings.of(EnglishAnalyzerFactory.Settings.class,
            Map.of("stopwords", List.of("shoes", "_english_"), "stem_exclusion", List.of("running")))).create();
        assertEquals(List.of("running/1"), Tokens.analyze(custom, "The running shoes"));

        Analyzer none = new EnglishAnalyzerFactory(TestSettings.of(EnglishAnalyzerFactory.Settings.class,
            Map.of("stopwords", "_none_"))).create();
        assertEquals(List.of("the/0", "run/1"), Tokens.analyze(none, "The running"));

        EnglishAnalyzerFactory french = new EnglishAnalyzerFactory(TestSettings.of(EnglishAnalyzerFactory.Settings.class,
            Map.of("stopwords", "_french_")));
        assertThrows(IllegalArgumentException.class, french::create);
    }

    @Test
    void keywordAndWhitespaceTokenizerSettings() {
        KeywordTokenizerFactory keyword = new KeywordTokenizerFactory(
            TestSettings.of(KeywordTokenizerFactory.Settings.class, Map.of("buffer_size", "1")));
        assertEquals(List.of("New York/0"), Tokens.analyze(keyword::create, in -> in, "New York"));
        KeywordTokenizerFactory bad = new KeywordTokenizerFactory(
            TestSettings.of(KeywordTokenizerFactory.Settings.class, Map.of("buffer_size", "0")));
        assertThrows(IllegalArgumentException.class, bad::create);

        WhitespaceTokenizerFactory whitespace = new WhitespaceTokenizerFactory(
            TestSettings.of(WhitespaceTokenizerFactory.Settings.class, Map.of("max_token_length", "3")));
        assertEquals(List.of("abc/0", "de/1", "f/2"), Tokens.analyze(whitespace::create, in -> in, "abcde f"));
    }
}
