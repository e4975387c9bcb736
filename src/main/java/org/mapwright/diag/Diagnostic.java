package org.mapwright.diag;

import java.util.Objects;

/**
 * One message about an input, printed as {@code file:line:col: error: message}.
 * Messages are full sentences that say what is wrong and what to do.
 */
public record Diagnostic(SourceSpan span, Severity severity, String message) implements Comparable<Diagnostic> {

    /** How bad it is. Errors stop the pipeline; warnings do not. */
    public enum Severity {
        ERROR, WARNING;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Diagnostic {
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(SourceSpan span, String message) {
        return new Diagnostic(span, Severity.ERROR, message);
    }

    public static Diagnostic warning(SourceSpan span, String message) {
        return new Diagnostic(span, Severity.WARNING, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The exact text shown to users. */
    public String format() {
        return span + ": " + severity.label() + ": " + message;
    }

    /** Orders by file, then line, then column, so that reports read top to bottom. */
    @Override
    public int compareTo(Diagnostic o) {
        int c = span.file().compareTo(o.span.file());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(span.line(), o.span.line());
        return c != 0 ? c : Integer.compare(span.column(), o.span.column());
    }

    @Override
    public String toString() {
        return format();
    }
}
