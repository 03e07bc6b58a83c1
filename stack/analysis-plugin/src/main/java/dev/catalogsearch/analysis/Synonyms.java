package dev.catalogsearch.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.synonym.WordnetSynonymParser;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.List;

/** Builds a {@link SynonymMap} from inline rules the way Elasticsearch's synonym filters do. */
final class Synonyms {

    private Synonyms() {}

    /**
     * The fixed analyzer that turns each side of a rule into terms. Elasticsearch would use the analyzer chain in
     * front of the synonym filter; the stable plugin API cannot see that chain.
     */
    static Analyzer ruleAnalyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new WhitespaceTokenizer();
                return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
            }
        };
    }

    static SynonymMap build(List<String> rules, boolean wordnet, boolean expand, boolean lenient) {
        try (Analyzer analyzer = ruleAnalyzer()) {
            SynonymMap.Parser parser = wordnet
                ? new LenientWordnet(expand, lenient, analyzer)
                : new LenientSolr(expand, lenient, analyzer);
            parser.parse(new StringReader(String.join("\n", rules)));
            return parser.build();
        } catch (ParseException e) {
            // Elasticsearch reports the same condition as an illegal_argument_exception.
            throw new IllegalArgumentException("failed to build synonyms: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * With {@code lenient}, Elasticsearch skips a rule whose terms analyze to nothing (e.g. a stop word) instead of
     * failing: {@link #analyze} returns an empty term and {@link #add} drops mappings with an empty side.
     */
    private static final class LenientSolr extends SolrSynonymParser {
        private final boolean lenient;

        LenientSolr(boolean expand, boolean lenient, Analyzer analyzer) {
            super(true, expand, analyzer);
            this.lenient = lenient;
        }

        @Override
        public void add(CharsRef input, CharsRef output, boolean includeOrig) {
            if (lenient == false || (input.length > 0 && output.length > 0)) {
                super.add(input, output, includeOrig);
            }
        }

        @Override
        public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
            return Synonyms.analyze(text, reuse, lenient, super::analyze);
        }
    }

    private static final class LenientWordnet extends WordnetSynonymParser {
        private final boolean lenient;

        LenientWordnet(boolean expand, boolean lenient, Analyzer analyzer) {
            super(true, expand, analyzer);
            this.lenient = lenient;
        }

        @Override
        public void add(CharsRef input, CharsRef output, boolean includeOrig) {
            if (lenient == false || (input.length > 0 && output.length > 0)) {
                super.add(input, output, includeOrig);
            }
        }

        @Override
        public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
            return Synonyms.analyze(text, reuse, lenient, super::analyze);
        }
    }

    private interface Analyze {
        CharsRef apply(String text, CharsRefBuilder reuse) throws IOException;
    }

    private static CharsRef analyze(String text, CharsRefBuilder reuse, boolean lenient, Analyze delegate)
        throws IOException {
        try {
            return delegate.apply(text, reuse);
        } catch (IllegalArgumentException e) {
            if (lenient) {
                return new CharsRef("");
            }
            throw e;
        }
    }
}
