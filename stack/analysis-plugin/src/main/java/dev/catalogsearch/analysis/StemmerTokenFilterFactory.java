package dev.catalogsearch.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;

/** {@code stemmer}: picks a Lucene stemmer by {@code language} (or its older alias {@code name}), default porter. */
@NamedComponent("stemmer")
public class StemmerTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @StringSetting(path = "language", defaultValue = "")
        String language();

        @StringSetting(path = "name", defaultValue = "")
        String name();
    }

    private final Validated<Stemmers.Stemmer> stemmer;

    @Inject
    public StemmerTokenFilterFactory(Settings settings) {
        this.stemmer = Validated.of(() -> {
            // Same precedence as Elasticsearch: language, then name, then "porter".
            String language = settings.language().isEmpty() ? settings.name() : settings.language();
            return Stemmers.forLanguage(language.isEmpty() ? "porter" : language);
        });
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return stemmer.get().wrap(tokenStream);
    }
}
