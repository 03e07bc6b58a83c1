package dev.catalogsearch.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;

/** {@code whitespace} tokenizer; {@code max_token_length} (default 255) splits longer runs, as in Elasticsearch. */
@NamedComponent("whitespace")
public class WhitespaceTokenizerFactory implements TokenizerFactory {

    @AnalysisSettings
    public interface Settings {
        @StringSetting(path = "max_token_length", defaultValue = "255")
        String maxTokenLength();
    }

    private final Validated<Integer> maxTokenLength;

    @Inject
    public WhitespaceTokenizerFactory(Settings settings) {
        this.maxTokenLength = Validated.of(() -> {
            int max = SettingValues.parseInt("max_token_length", settings.maxTokenLength());
            new WhitespaceTokenizer(TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, max); // Lucene range-checks it
            return max;
        });
    }

    @Override
    public Tokenizer create() {
        return new WhitespaceTokenizer(TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, maxTokenLength.get());
    }
}
