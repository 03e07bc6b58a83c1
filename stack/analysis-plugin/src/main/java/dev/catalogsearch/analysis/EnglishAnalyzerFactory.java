package dev.catalogsearch.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.ListSetting;

import java.util.List;

/**
 * {@code english} analyzer: Lucene's EnglishAnalyzer, which is exactly what Elasticsearch's english analyzer builds
 * (standard tokenizer, English possessive, lowercase, English stop words, keyword marker for {@code stem_exclusion},
 * Porter stemmer).
 */
@NamedComponent("english")
public class EnglishAnalyzerFactory implements AnalyzerFactory {

    @AnalysisSettings
    public interface Settings {
        /** A word list, or "_english_" (the default) / "_none_". A single string is read as a one-element list. */
        @ListSetting(path = "stopwords")
        List<String> stopwords();

        /** Words protected from stemming. */
        @ListSetting(path = "stem_exclusion")
        List<String> stemExclusion();
    }

    private record Config(CharArraySet stopwords, CharArraySet stemExclusion) {}

    private final Validated<Config> config;

    @Inject
    public EnglishAnalyzerFactory(Settings settings) {
        this.config = Validated.of(() -> new Config(
            stopwords(settings.stopwords()),
            settings.stemExclusion().isEmpty() ? CharArraySet.EMPTY_SET : new CharArraySet(settings.stemExclusion(), false)
        ));
    }

    /**
     * Stop words as Elasticsearch reads them: none given means {@code _english_}; a list may mix words with the
     * {@code _english_} / {@code _none_} set names. Other language sets are not carried by this plugin.
     */
    static CharArraySet stopwords(List<String> words) {
        if (words.isEmpty()) {
            return EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;
        }
        CharArraySet set = new CharArraySet(words.size(), false);
        for (String word : words) {
            switch (word) {
                case "_english_" -> set.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                case "_none_" -> { }
                default -> {
                    if (word.length() > 2 && word.startsWith("_") && word.endsWith("_")) {
                        throw new IllegalArgumentException(
                            "Unsupported stop word set [" + word + "] for the english analyzer; use _english_, _none_ or a word list"
                        );
                    }
                    set.add(word);
                }
            }
        }
        return set;
    }

    @Override
    public Analyzer create() {
        Config c = config.get();
        return new EnglishAnalyzer(c.stopwords, c.stemExclusion);
    }
}
