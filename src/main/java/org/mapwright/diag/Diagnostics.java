package org.mapwright.diag;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects diagnostics so that all semantic errors of an input are reported together.
 * Not thread-safe: one collector per front-end run.
 */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();

    public void error(SourceSpan span, String message) {
        items.add(Diagnostic.error(span, message));
    }

    public void warning(SourceSpan span, String message) {
        items.add(Diagnostic.warning(span, message));
    }

    public void add(Diagnostic d) {
        items.add(d);
    }

    public void addAll(List<Diagnostic> ds) {
        items.addAll(ds);
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    public int errorCount() {
        return (int) items.stream().filter(Diagnostic::isError).count();
    }

    /** All diagnostics in source order; duplicates (same place, same text) appear once. */
    public List<Diagnostic> all() {
        return items.stream().distinct().sorted().toList();
    }

    /** The warnings collected, in source order. */
    public List<Diagnostic> warnings() {
        return all().stream().filter(x -> !x.isError()).toList();
    }

    /** Throws an {@link InputException} with everything collected if any error was seen. */
    public void throwIfErrors() {
        if (hasErrors()) {
            throw new InputException(all());
        }
    }
}
