package org.mapwright.timeloop;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mapwright.diag.SourceSpan;

/** A YAML sequence (list), in file order. */
public record YamlSeq(List<YamlNode> items, SourceSpan span, Optional<String> tag) implements YamlNode {

    public YamlSeq {
        items = List.copyOf(items);
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(tag, "tag");
    }

    public int size() {
        return items.size();
    }

    public YamlNode get(int i) {
        return items.get(i);
    }

    @Override
    public String describe() {
        return "a list";
    }
}
