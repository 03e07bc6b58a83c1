package dev.catalogsearch.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.EmptyTokenStream;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;

/**
 * {@code edge_ngram} token filter: prefixes of each token from {@code min_gram} (default 1) to {@code max_gram}
 * (default 2) characters; {@code preserve_original} also keeps the whole token; the deprecated {@code side}
 * ({@code front}, or {@code back} for suffixes) is honoured as Elasticsearch does, by reversing around the filter.
 * Like Elasticsearch, the {@code index.max_ngram_diff} limit does not apply to edge n-grams.
 */
@NamedComponent("edge_ngram")
public class EdgeNGramTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @StringSetting(path = "min_gram", defaultValue = "1")
        String minGram();

        @StringSetting(path = "max_gram", defaultValue = "2")
        String maxGram();

        @StringSetting(path = "preserve_original", defaultValue = "false")
        String preserveOriginal();

        @StringSetting(path = "side", defaultValue = "front")
        String side();
    }

    private record Config(int minGram, int maxGram, boolean preserveOriginal, boolean back) {}

    private final Validated<Config> config;

    @Inject
    public EdgeNGramTokenFilterFactory(Settings settings) {
        this.config = Validated.of(() -> {
            Config c = new Config(
                SettingValues.parseInt("min_gram", settings.minGram()),
                SettingValues.parseInt("max_gram", settings.maxGram()),
                SettingValues.parseBoolean("preserve_original", settings.preserveOriginal()),
                switch (settings.side()) {
                    case "front" -> false;
                    case "back" -> true;
                    default -> throw new IllegalArgumentException("invalid side: " + settings.side());
                }
            );
            // Lucene checks these too, but only when the first stream is built; checking here gives the same message early.
            new EdgeNGramTokenFilter(new EmptyTokenStream(), c.minGram, c.maxGram, c.preserveOriginal);
            return c;
        });
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        Config c = config.get();
        if (c.back == false) {
            return new EdgeNGramTokenFilter(tokenStream, c.minGram, c.maxGram, c.preserveOriginal);
        }
        TokenStream reversed = new ReverseStringFilter(tokenStream);
        return new ReverseStringFilter(new EdgeNGramTokenFilter(reversed, c.minGram, c.maxGram, c.preserveOriginal));
    }
}
