package dev.catalogsearch.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Runs text through a chain and renders tokens as "term/position", like the _analyze cases. */
final class Tokens {

    private Tokens() {}

    static List<String> analyze(Supplier<Tokenizer> tokenizer, Function<TokenStream, TokenStream> filters, String text) {
        Tokenizer source = tokenizer.get();
        source.setReader(new StringReader(text));
        return collect(filters.apply(source));
    }

    /** Standard tokenizer followed by {@code filters}. */
    static List<String> analyze(Function<TokenStream, TokenStream> filters, String text) {
        return analyze(StandardTokenizer::new, filters, text);
    }

    static List<String> analyze(Analyzer analyzer, String text) {
        return collect(analyzer.tokenStream("f", text));
    }

    private static List<String> collect(TokenStream stream) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = stream) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int position = -1;
            while (ts.incrementToken()) {
                position += inc.getPositionIncrement();
                out.add(term + "/" + position);
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
