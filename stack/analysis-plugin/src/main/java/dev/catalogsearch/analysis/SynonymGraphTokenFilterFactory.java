package dev.catalogsearch.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.StringSetting;

import java.util.List;

/**
 * {@code synonym_graph} with inline rules ({@code synonyms}), {@code expand} (default true), {@code lenient}
 * (default false) and {@code format} ({@code wordnet}, anything else means Solr, as in Elasticsearch).
 *
 * <p>Deviation: Elasticsearch parses the rules with the tokenizer and filters that precede this filter in each
 * analyzer. The stable API does not expose that chain, so rules are parsed with a whitespace tokenizer plus
 * lowercase (see {@link Synonyms}). Put this filter after lowercase and before any stemmer.
 * {@code synonyms_path} and {@code synonyms_set} are not supported.
 */
@NamedComponent("synonym_graph")
public class SynonymGraphTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @ListSetting(path = "synonyms")
        List<String> synonyms();

        @StringSetting(path = "expand", defaultValue = "true")
        String expand();

        @StringSetting(path = "lenient", defaultValue = "false")
        String lenient();

        @StringSetting(path = "format", defaultValue = "")
        String format();

        @StringSetting(path = "synonyms_path", defaultValue = "")
        String synonymsPath();

        @StringSetting(path = "synonyms_set", defaultValue = "")
        String synonymsSet();
    }

    /** Built once per index: the map is immutable and shared by every stream. */
    private final Validated<SynonymMap> synonyms;

    @Inject
    public SynonymGraphTokenFilterFactory(Settings s) {
        this.synonyms = Validated.of(() -> {
            if (s.synonymsPath().isEmpty() == false || s.synonymsSet().isEmpty() == false) {
                throw new IllegalArgumentException(
                    "synonym_graph from the catalog-analysis plugin only supports inline [synonyms], not [synonyms_path] or [synonyms_set]"
                );
            }
            return Synonyms.build(
                s.synonyms(),
                "wordnet".equalsIgnoreCase(s.format().trim()),
                SettingValues.parseBoolean("expand", s.expand()),
                SettingValues.parseBoolean("lenient", s.lenient())
            );
        });
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        SynonymMap map = synonyms.get();
        // An empty map would make SynonymGraphFilter throw; Elasticsearch passes the stream through instead.
        return map.fst == null ? tokenStream : new SynonymGraphFilter(tokenStream, map, false);
    }
}
