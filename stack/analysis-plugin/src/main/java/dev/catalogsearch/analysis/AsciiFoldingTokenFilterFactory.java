package dev.catalogsearch.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;

/** {@code asciifolding}: "Café" becomes "Cafe"; {@code preserve_original} also keeps "Café" at the same position. */
@NamedComponent("asciifolding")
public class AsciiFoldingTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        // Booleans are read as strings so "yes" is rejected like Elasticsearch does (see SettingValues).
        @StringSetting(path = "preserve_original", defaultValue = "false")
        String preserveOriginal();
    }

    private final Validated<Boolean> preserveOriginal;

    @Inject
    public AsciiFoldingTokenFilterFactory(Settings settings) {
        this.preserveOriginal = Validated.of(
            () -> SettingValues.parseBoolean("preserve_original", settings.preserveOriginal())
        );
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new ASCIIFoldingFilter(tokenStream, preserveOriginal.get());
    }

    /** Used by query-time normalization (wildcard/prefix terms): fold, never keep a second token. */
    @Override
    public TokenStream normalize(TokenStream tokenStream) {
        return new ASCIIFoldingFilter(tokenStream, false);
    }
}
