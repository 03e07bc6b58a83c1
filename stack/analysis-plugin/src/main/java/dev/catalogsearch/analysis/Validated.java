package dev.catalogsearch.analysis;

import java.util.function.Supplier;

/**
 * Holds a component's parsed settings, or the reason they are invalid.
 *
 * <p>Why not just throw from the constructor: Elasticsearch instantiates stable-plugin factories reflectively and
 * wraps anything the constructor throws in an {@code IllegalStateException}, which index creation reports as HTTP 500
 * (only {@code _analyze} re-wraps it as a 400). An {@link IllegalArgumentException} thrown from {@code create()}
 * reaches the client unwrapped, as a 400 {@code illegal_argument_exception}, and Elasticsearch calls {@code create()}
 * while it validates every analyzer at index creation. So factories parse eagerly, keep the error, and rethrow it on
 * first use.
 */
final class Validated<T> {

    private final T value;
    private final IllegalArgumentException error;

    private Validated(T value, IllegalArgumentException error) {
        this.value = value;
        this.error = error;
    }

    /** Runs {@code parser} now; a bad setting (including a non-numeric int, a NumberFormatException) is kept for later. */
    static <T> Validated<T> of(Supplier<T> parser) {
        try {
            return new Validated<>(parser.get(), null);
        } catch (IllegalArgumentException e) {
            return new Validated<>(null, e);
        }
    }

    /** The parsed value. @throws IllegalArgumentException if the settings were invalid */
    T get() {
        if (error != null) {
            // A fresh exception per call: the same factory is used from many threads.
            throw new IllegalArgumentException(error.getMessage(), error);
        }
        return value;
    }
}
