package dev.catalogsearch.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * {@code flatten_graph}: squashes a token graph (from synonym_graph or word_delimiter_graph) so it can be indexed.
 * No settings.
 */
@NamedComponent("flatten_graph")
public class FlattenGraphTokenFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new FlattenGraphFilter(tokenStream);
    }
}
