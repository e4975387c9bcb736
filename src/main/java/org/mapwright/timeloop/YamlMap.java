package org.mapwright.timeloop;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mapwright.diag.SourceSpan;

/**
 * A YAML mapping whose entries keep their file order and the positions of both key and value. Keys are unique
 * (the reader reports duplicates).
 */
public record YamlMap(List<Entry> entries, SourceSpan span, Optional<String> tag) implements YamlNode {

    /** One {@code key: value} pair. */
    public record Entry(YamlScalar key, YamlNode value) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        /** The key's text. */
        public String name() {
            return key.text();
        }
    }

    public YamlMap {
        entries = List.copyOf(entries);
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(tag, "tag");
    }

    /** The value stored under {@code key}, if any. */
    public Optional<YamlNode> get(String key) {
        return entry(key).map(Entry::value);
    }

    /** The entry whose key is {@code key}, if any. */
    public Optional<Entry> entry(String key) {
        for (Entry e : entries) {
            if (e.name().equals(key)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    public boolean has(String key) {
        return entry(key).isPresent();
    }

    /** Keys in file order. */
    public List<String> keys() {
        List<String> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            out.add(e.name());
        }
        return out;
    }

    public int size() {
        return entries.size();
    }

    @Override
    public String describe() {
        return "a mapping";
    }
}
