package org.mapwright.diag;

import java.util.Objects;

/**
 * A place in an input file: the file name as the user gave it, and a 1-based line and column.
 * The end is informative (for highlighting); diagnostics print only the start.
 */
public record SourceSpan(String file, int line, int column, int endLine, int endColumn) {

    /** A span for inputs that have no file, such as built-in objects made in code. */
    public static final SourceSpan NONE = new SourceSpan("<built-in>", 0, 0, 0, 0);

    public SourceSpan {
        Objects.requireNonNull(file, "file");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("Line and column are 1-based (or 0 for unknown), got " + line + ":" + column + ".");
        }
    }

    public static SourceSpan of(String file, int line, int column) {
        return new SourceSpan(file, line, column, line, column);
    }

    /** Whole file, when nothing more precise is known. */
    public static SourceSpan file(String file) {
        return new SourceSpan(file, 1, 1, 1, 1);
    }

    public boolean isKnown() {
        return line > 0;
    }

    /** {@code file:line:col}, the prefix of every diagnostic. */
    @Override
    public String toString() {
        return isKnown() ? file + ":" + line + ":" + column : file;
    }
}
