package org.mapwright.diag;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Bad input: carries every diagnostic found, each already phrased for the user.
 * The command line prints {@link #report()} and exits with status 2; it never prints a stack trace for this.
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Diagnostic> diagnostics;

    public InputException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
        if (diagnostics.isEmpty()) {
            throw new IllegalArgumentException("An input error needs at least one diagnostic.");
        }
        this.diagnostics = List.copyOf(diagnostics);
    }

    public InputException(SourceSpan span, String message) {
        this(List.of(Diagnostic.error(span, message)));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** One diagnostic per line, in source order. */
    public String report() {
        return getMessage();
    }
}
