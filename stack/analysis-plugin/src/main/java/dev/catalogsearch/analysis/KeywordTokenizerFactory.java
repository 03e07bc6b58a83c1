package dev.catalogsearch.analysis;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;

/** {@code keyword} tokenizer: the whole input is one token. {@code buffer_size} (default 256) is only an initial size. */
@NamedComponent("keyword")
public class KeywordTokenizerFactory implements TokenizerFactory {

    @AnalysisSettings
    public interface Settings {
        @StringSetting(path = "buffer_size", defaultValue = "256")
        String bufferSize();
    }

    private final Validated<Integer> bufferSize;

    @Inject
    public KeywordTokenizerFactory(Settings settings) {
        this.bufferSize = Validated.of(() -> {
            int size = SettingValues.parseInt("buffer_size", settings.bufferSize());
            new KeywordTokenizer(size); // Lucene rejects sizes <= 0
            return size;
        });
    }

    @Override
    public Tokenizer create() {
        return new KeywordTokenizer(bufferSize.get());
    }
}
