package dev.catalogsearch.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.tartarus.snowball.ext.EnglishStemmer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The English part of Elasticsearch's {@code stemmer} language table, with the same Lucene class per name
 * (note "english" is Porter, not Snowball's porter2, exactly as in analysis-common).
 */
final class Stemmers {

    @FunctionalInterface
    interface Stemmer {
        TokenStream wrap(TokenStream in);
    }

    /** Keys are lower-case; lookups are case-insensitive like Elasticsearch's equalsIgnoreCase chain. */
    private static final Map<String, Stemmer> BY_LANGUAGE = new LinkedHashMap<>();

    static {
        BY_LANGUAGE.put("english", PorterStemFilter::new);
        BY_LANGUAGE.put("porter", PorterStemFilter::new);
        BY_LANGUAGE.put("porter2", in -> new SnowballFilter(in, new EnglishStemmer()));
        BY_LANGUAGE.put("light_english", KStemFilter::new);
        BY_LANGUAGE.put("lightenglish", KStemFilter::new);
        BY_LANGUAGE.put("kstem", KStemFilter::new);
        BY_LANGUAGE.put("minimal_english", EnglishMinimalStemFilter::new);
        BY_LANGUAGE.put("minimalenglish", EnglishMinimalStemFilter::new);
        BY_LANGUAGE.put("possessive_english", EnglishPossessiveFilter::new);
        BY_LANGUAGE.put("possessiveenglish", EnglishPossessiveFilter::new);
    }

    private Stemmers() {}

    /** @throws IllegalArgumentException for a language this plugin does not carry (Elasticsearch answers 400 too). */
    static Stemmer forLanguage(String language) {
        Stemmer stemmer = BY_LANGUAGE.get(language.trim().toLowerCase(Locale.ROOT));
        if (stemmer == null) {
            throw new IllegalArgumentException(
                "Unknown stemmer language [" + language + "]; this plugin supports " + BY_LANGUAGE.keySet()
            );
        }
        return stemmer;
    }
}
