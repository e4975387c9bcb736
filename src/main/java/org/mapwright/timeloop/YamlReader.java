package org.mapwright.timeloop;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mapwright.diag.Diagnostics;
import org.mapwright.diag.InputException;
import org.mapwright.diag.SourceSpan;

/**
 * Parses YAML text into a {@link YamlNode} tree that keeps the position of every key and value.
 *
 * <p>Jackson's streaming parser does the YAML work; this class only assembles the tree, which Jackson's own tree
 * model cannot do because it drops positions. Lines and columns are 1-based, as Jackson reports them. Anchors and
 * aliases are resolved (an alias yields the anchored node, with the anchor's positions), and merge keys
 * ({@code <<: *base}) copy the entries the mapping does not set itself. Malformed YAML, duplicate keys, unknown
 * aliases and second documents are reported as diagnostics, never as stack traces.
 */
public final class YamlReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final int MAX_DEPTH = 200;

    private final String file;
    private final String text;
    private final Diagnostics diags = new Diagnostics();
    private final Map<String, YamlNode> anchors = new HashMap<>();
    private YAMLParser parser;

    private YamlReader(String file, String text) {
        this.file = file;
        this.text = text;
    }

    /** Reads and parses a file; the file name in diagnostics is {@code path} as given. */
    public static YamlNode read(Path path) {
        String name = path.toString();
        String content;
        try {
            content = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InputException(SourceSpan.of(name, 0, 0), "Cannot read the file (" + e.getMessage()
                    + "); check that it exists, is readable and is UTF-8 text.");
        }
        return parse(name, content);
    }

    /**
     * Parses {@code text}, naming it {@code file} in diagnostics. An empty document gives an empty mapping.
     *
     * @throws InputException for malformed YAML, duplicate keys, unknown aliases or more than one document
     */
    public static YamlNode parse(String file, String text) {
        return new YamlReader(file, text).run();
    }

    private YamlNode run() {
        YamlNode root;
        try (YAMLParser p = FACTORY.createParser(text)) {
            parser = p;
            JsonToken t = p.nextToken();
            if (t == null) {
                root = new YamlMap(List.of(), SourceSpan.of(file, 1, 1), Optional.empty());
            } else {
                root = node(t, 0);
                if (p.nextToken() != null) {
                    diags.error(start(), "The file holds a second YAML document; Timeloop reads one document per "
                            + "file, so move this one into a file of its own.");
                }
            }
        } catch (JsonProcessingException e) {
            throw new InputException(List.of(syntaxError(e)));
        } catch (IOException e) {
            throw new InputException(SourceSpan.of(file, 0, 0), "Cannot read the YAML text (" + e.getMessage() + ").");
        }
        diags.throwIfErrors();
        return root;
    }

    private YamlNode node(JsonToken t, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new InputException(start(), "The YAML nests more than " + MAX_DEPTH
                    + " levels deep; no Timeloop file needs that, so check for a runaway structure.");
        }
        switch (t) {
            case START_OBJECT:
                return map(depth);
            case START_ARRAY:
                return seq(depth);
            default:
                return scalarOrAlias(t);
        }
    }

    private YamlNode map(int depth) throws IOException {
        SourceSpan begin = start();
        Optional<String> tag = tag();
        String anchor = anchor();
        List<YamlMap.Entry> entries = new ArrayList<>();
        Map<String, YamlMap.Entry> byKey = new HashMap<>();
        List<YamlMap> merges = new ArrayList<>();
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            YamlScalar key = keyScalar();
            YamlNode value = node(parser.nextToken(), depth + 1);
            if (key.text().equals("<<") && key.textColumn() == key.span().column()) {
                collectMerges(value, merges);
                continue;
            }
            YamlMap.Entry previous = byKey.get(key.text());
            if (previous != null) {
                diags.error(key.span(), "Duplicate key '" + key.text() + "'; it is already set at line "
                        + previous.key().span().line() + ", column " + previous.key().span().column()
                        + ". Keep only one of them.");
                continue;
            }
            YamlMap.Entry e = new YamlMap.Entry(key, value);
            byKey.put(key.text(), e);
            entries.add(e);
        }
        for (YamlMap m : merges) {
            for (YamlMap.Entry e : m.entries()) {
                if (!byKey.containsKey(e.name())) {
                    byKey.put(e.name(), e);
                    entries.add(e);
                }
            }
        }
        YamlMap map = new YamlMap(entries, spanTo(begin), tag);
        remember(anchor, map);
        return map;
    }

    private void collectMerges(YamlNode value, List<YamlMap> merges) {
        if (value instanceof YamlMap) {
            merges.add((YamlMap) value);
        } else if (value instanceof YamlSeq && ((YamlSeq) value).items().stream().allMatch(i -> i instanceof YamlMap)) {
            for (YamlNode item : ((YamlSeq) value).items()) {
                merges.add((YamlMap) item);
            }
        } else {
            diags.error(value.span(), "A merge key '<<' needs a mapping or a list of mappings (usually an alias such "
                    + "as *base), but it has " + value.describe() + ".");
        }
    }

    private YamlNode seq(int depth) throws IOException {
        SourceSpan begin = start();
        Optional<String> tag = tag();
        String anchor = anchor();
        List<YamlNode> items = new ArrayList<>();
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            items.add(node(t, depth + 1));
        }
        YamlSeq seq = new YamlSeq(items, spanTo(begin), tag);
        remember(anchor, seq);
        return seq;
    }

    private YamlNode scalarOrAlias(JsonToken t) throws IOException {
        if (parser.isCurrentAlias()) {
            String name = parser.getText();
            YamlNode target = anchors.get(name);
            if (target == null) {
                SourceSpan at = start();
                diags.error(at, "Unknown alias '*" + name + "'; define the anchor '&" + name
                        + "' on a node above this one before using it.");
                return new YamlScalar("", YamlScalar.Type.NULL, at, Optional.empty(), 0);
            }
            return target;
        }
        YamlScalar.Type type;
        switch (t) {
            case VALUE_NUMBER_INT:
                type = YamlScalar.Type.INTEGER;
                break;
            case VALUE_NUMBER_FLOAT:
                type = YamlScalar.Type.FLOAT;
                break;
            case VALUE_TRUE:
            case VALUE_FALSE:
                type = YamlScalar.Type.BOOLEAN;
                break;
            case VALUE_NULL:
                type = YamlScalar.Type.NULL;
                break;
            default:
                type = YamlScalar.Type.STRING;
        }
        String value = type == YamlScalar.Type.NULL ? "" : parser.getText();
        return scalar(value == null ? "" : value, type, true);
    }

    private YamlScalar keyScalar() throws IOException {
        return scalar(parser.currentName(), YamlScalar.Type.STRING, false);
    }

    /**
     * Builds a scalar from the current token, looking at the raw text to find an anchor (Jackson does not report
     * anchors on scalars), whether it was quoted, and where its text starts.
     */
    private YamlScalar scalar(String value, YamlScalar.Type type, boolean mayHaveAnchor) {
        JsonLocation s = parser.currentTokenLocation();
        JsonLocation e = parser.currentLocation();
        SourceSpan span = new SourceSpan(file, s.getLineNr(), s.getColumnNr(), e.getLineNr(), e.getColumnNr());
        int from = (int) s.getCharOffset();
        int to = (int) e.getCharOffset();
        String tagText = null;
        String anchor = null;
        int column = 0;
        if (from >= 0 && to >= from && to <= text.length()) {
            String raw = text.substring(from, to);
            int i = 0;
            while (i < raw.length() && (raw.charAt(i) == '&' || raw.charAt(i) == '!')) {
                int j = i + 1;
                while (j < raw.length() && !Character.isWhitespace(raw.charAt(j))) {
                    j++;
                }
                if (raw.charAt(i) == '&') {
                    anchor = raw.substring(i + 1, j);
                } else {
                    tagText = raw.substring(i + 1, j);
                }
                while (j < raw.length() && (raw.charAt(j) == ' ' || raw.charAt(j) == '\t')) {
                    j++;
                }
                i = j;
            }
            String content = raw.substring(i);
            if (content.indexOf('\n') < 0 && content.equals(value)) {
                column = s.getColumnNr() + i;
            } else if (content.length() == value.length() + 2 && (content.charAt(0) == '\'' || content.charAt(0) == '"')
                    && content.substring(1, content.length() - 1).equals(value)) {
                column = s.getColumnNr() + i + 1;
                type = YamlScalar.Type.STRING;
            } else if (content.length() > 0 && (content.charAt(0) == '\'' || content.charAt(0) == '"')) {
                type = YamlScalar.Type.STRING;
            }
        }
        YamlScalar scalar = new YamlScalar(value, type, span, Optional.ofNullable(tagText), column);
        if (mayHaveAnchor) {
            remember(anchor, scalar);
        }
        return scalar;
    }

    private Optional<String> tag() throws IOException {
        String id = parser.getTypeId();
        return Optional.ofNullable(id);
    }

    private String anchor() throws IOException {
        Object id = parser.getObjectId();
        return id == null ? null : id.toString();
    }

    private void remember(String anchor, YamlNode node) {
        if (anchor != null && !anchor.isEmpty()) {
            anchors.put(anchor, node);
        }
    }

    private SourceSpan start() {
        JsonLocation s = parser.currentTokenLocation();
        return SourceSpan.of(file, Math.max(0, s.getLineNr()), Math.max(0, s.getColumnNr()));
    }

    private SourceSpan spanTo(SourceSpan begin) {
        JsonLocation e = parser.currentTokenLocation();
        return new SourceSpan(file, begin.line(), begin.column(), Math.max(0, e.getLineNr()), Math.max(0, e.getColumnNr()));
    }

    private org.mapwright.diag.Diagnostic syntaxError(JsonProcessingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException) {
            org.yaml.snakeyaml.error.MarkedYAMLException m = (org.yaml.snakeyaml.error.MarkedYAMLException) cause;
            org.yaml.snakeyaml.error.Mark problem = m.getProblemMark();
            org.yaml.snakeyaml.error.Mark context = m.getContextMark();
            org.yaml.snakeyaml.error.Mark at = problem != null ? problem : context;
            if (at != null && context != null && at.getIndex() >= text.length()) {
                at = context;
            }
            StringBuilder msg = new StringBuilder("The file is not valid YAML: ")
                    .append(m.getProblem() != null ? m.getProblem() : m.getContext());
            if (m.getContext() != null && m.getProblem() != null) {
                msg.append(" (").append(m.getContext());
                if (context != null) {
                    msg.append(" that starts at line ").append(context.getLine() + 1).append(", column ")
                            .append(context.getColumn() + 1);
                }
                msg.append(')');
            }
            msg.append("; fix the syntax here (check indentation, brackets and quotes).");
            SourceSpan span = at == null ? SourceSpan.of(file, 0, 0) : SourceSpan.of(file, at.getLine() + 1, at.getColumn() + 1);
            return org.mapwright.diag.Diagnostic.error(span, msg.toString());
        }
        JsonLocation l = e.getLocation();
        SourceSpan span = l == null ? SourceSpan.of(file, 0, 0)
                : SourceSpan.of(file, Math.max(0, l.getLineNr()), Math.max(0, l.getColumnNr()));
        return org.mapwright.diag.Diagnostic.error(span, "The file is not valid YAML: " + e.getOriginalMessage()
                + "; fix the syntax here.");
    }
}
