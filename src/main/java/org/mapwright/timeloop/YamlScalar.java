package org.mapwright.timeloop;

import java.util.Objects;
import java.util.Optional;
import org.mapwright.diag.SourceSpan;

/**
 * A YAML scalar: its text exactly as the parser resolved it, how YAML typed it, and where it is.
 *
 * @param text        the value's text (quotes and escapes resolved; empty for a missing value)
 * @param type        how YAML's core schema reads the unquoted text (a quoted scalar is always a string)
 * @param span        from the first character of the node (its anchor or quote, if any) to just after its end
 * @param tag         the node's tag, without the leading {@code !}
 * @param textColumn  the 1-based column of the text's first character when the text sits on one line exactly as
 *                    written (no escapes, no folding), so that a part of it can be pointed at; otherwise 0
 */
public record YamlScalar(String text, Type type, SourceSpan span, Optional<String> tag, int textColumn)
        implements YamlNode {

    /** How YAML reads a scalar. */
    public enum Type {
        STRING, INTEGER, FLOAT, BOOLEAN, NULL
    }

    public YamlScalar {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(tag, "tag");
    }

    /** A scalar made in code (no file position inside its text). */
    public static YamlScalar of(String text, SourceSpan span) {
        return new YamlScalar(text, Type.STRING, span, Optional.empty(), 0);
    }

    public boolean isNull() {
        return type == Type.NULL;
    }

    /**
     * The position of characters {@code [from, to)} of the text, when the text is written on one line as is;
     * otherwise the position of the whole scalar.
     */
    public SourceSpan span(int from, int to) {
        if (textColumn <= 0 || from < 0 || to > text.length() || from > to) {
            return span;
        }
        return new SourceSpan(span.file(), span.line(), textColumn + from, span.line(), textColumn + to);
    }

    @Override
    public String describe() {
        switch (type) {
            case NULL:
                return "an empty value";
            case INTEGER:
            case FLOAT:
                return "the number " + text;
            case BOOLEAN:
                return "the boolean " + text;
            default:
                return "the text '" + text + "'";
        }
    }
}
