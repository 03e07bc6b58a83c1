package dev.catalogsearch.analysis;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.StringSetting;

import java.util.List;

/**
 * {@code word_delimiter_graph}: splits "WH-1000XM4" into wh / 1000 / xm / 4 (plus catenations / the original when
 * asked) as a token graph. Settings and defaults are Elasticsearch's; see {@link WordDelimiterSettings}.
 */
@NamedComponent("word_delimiter_graph")
public class WordDelimiterGraphTokenFilterFactory implements TokenFilterFactory {

    /** Booleans are strings so a typo is an error (see SettingValues); defaults are Elasticsearch's. */
    @AnalysisSettings
    public interface Settings {
        @StringSetting(path = "generate_word_parts", defaultValue = "true")
        String generateWordParts();

        @StringSetting(path = "generate_number_parts", defaultValue = "true")
        String generateNumberParts();

        @StringSetting(path = "catenate_words", defaultValue = "false")
        String catenateWords();

        @StringSetting(path = "catenate_numbers", defaultValue = "false")
        String catenateNumbers();

        @StringSetting(path = "catenate_all", defaultValue = "false")
        String catenateAll();

        @StringSetting(path = "split_on_case_change", defaultValue = "true")
        String splitOnCaseChange();

        @StringSetting(path = "split_on_numerics", defaultValue = "true")
        String splitOnNumerics();

        @StringSetting(path = "preserve_original", defaultValue = "false")
        String preserveOriginal();

        @StringSetting(path = "stem_english_possessive", defaultValue = "true")
        String stemEnglishPossessive();

        @StringSetting(path = "ignore_keywords", defaultValue = "false")
        String ignoreKeywords();

        @StringSetting(path = "adjust_offsets", defaultValue = "true")
        String adjustOffsets();

        /** Tokens never split (case-sensitive, as in Elasticsearch). */
        @ListSetting(path = "protected_words")
        List<String> protectedWords();

        /** Rules like {@code "+ => ALPHA"} that re-type characters. */
        @ListSetting(path = "type_table")
        List<String> typeTable();
    }

    private record Config(int flags, boolean adjustOffsets, byte[] charTypeTable, CharArraySet protectedWords) {}

    private final Validated<Config> config;

    @Inject
    public WordDelimiterGraphTokenFilterFactory(Settings s) {
        this.config = Validated.of(() -> {
            WordDelimiterSettings.Flags f = new WordDelimiterSettings.Flags();
            f.set(WordDelimiterGraphFilter.GENERATE_WORD_PARTS, "generate_word_parts", s.generateWordParts());
            f.set(WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS, "generate_number_parts", s.generateNumberParts());
            f.set(WordDelimiterGraphFilter.CATENATE_WORDS, "catenate_words", s.catenateWords());
            f.set(WordDelimiterGraphFilter.CATENATE_NUMBERS, "catenate_numbers", s.catenateNumbers());
            f.set(WordDelimiterGraphFilter.CATENATE_ALL, "catenate_all", s.catenateAll());
            f.set(WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE, "split_on_case_change", s.splitOnCaseChange());
            f.set(WordDelimiterGraphFilter.SPLIT_ON_NUMERICS, "split_on_numerics", s.splitOnNumerics());
            f.set(WordDelimiterGraphFilter.PRESERVE_ORIGINAL, "preserve_original", s.preserveOriginal());
            f.set(WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE, "stem_english_possessive", s.stemEnglishPossessive());
            f.set(WordDelimiterGraphFilter.IGNORE_KEYWORDS, "ignore_keywords", s.ignoreKeywords());
            return new Config(
                f.value(),
                SettingValues.parseBoolean("adjust_offsets", s.adjustOffsets()),
                WordDelimiterSettings.parseTypeTable(s.typeTable()),
                s.protectedWords().isEmpty() ? null : new CharArraySet(s.protectedWords(), false)
            );
        });
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        Config c = config.get();
        return new WordDelimiterGraphFilter(tokenStream, c.adjustOffsets, c.charTypeTable, c.flags, c.protectedWords);
    }
}
