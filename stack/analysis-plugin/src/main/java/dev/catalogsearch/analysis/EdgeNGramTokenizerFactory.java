package dev.catalogsearch.analysis;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.StringSetting;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * {@code edge_ngram} tokenizer: splits on characters outside {@code token_chars} (empty = keep everything) and emits
 * prefixes of {@code min_gram} (default 1) to {@code max_gram} (default 2) characters, Elasticsearch's defaults.
 */
@NamedComponent("edge_ngram")
public class EdgeNGramTokenizerFactory implements TokenizerFactory {

    @AnalysisSettings
    public interface Settings {
        @StringSetting(path = "min_gram", defaultValue = "1")
        String minGram();

        @StringSetting(path = "max_gram", defaultValue = "2")
        String maxGram();

        /** letter, digit, whitespace, punctuation, symbol, custom (or a Java Unicode category name). */
        @ListSetting(path = "token_chars")
        List<String> tokenChars();

        /** Characters that count as token characters when token_chars contains "custom". */
        @StringSetting(path = "custom_token_chars", defaultValue = "")
        String customTokenChars();
    }

    /** {@code tokenChars} null means every character belongs to a token. */
    private record Config(int minGram, int maxGram, IntPredicate tokenChars) {}

    private final Validated<Config> config;

    @Inject
    public EdgeNGramTokenizerFactory(Settings settings) {
        this.config = Validated.of(() -> {
            Config c = new Config(
                SettingValues.parseInt("min_gram", settings.minGram()),
                SettingValues.parseInt("max_gram", settings.maxGram()),
                TokenChars.parse(settings.tokenChars(), settings.customTokenChars())
            );
            new EdgeNGramTokenizer(c.minGram, c.maxGram); // Lucene validates the gram sizes
            return c;
        });
    }

    @Override
    public Tokenizer create() {
        Config c = config.get();
        if (c.tokenChars == null) {
            return new EdgeNGramTokenizer(c.minGram, c.maxGram);
        }
        return new EdgeNGramTokenizer(c.minGram, c.maxGram) {
            @Override
            protected boolean isTokenChar(int chr) {
                return c.tokenChars.test(chr);
            }
        };
    }
}
