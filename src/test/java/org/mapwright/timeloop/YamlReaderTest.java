package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mapwright.timeloop.Small.errors;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mapwright.diag.SourceSpan;

class YamlReaderTest {

    private static YamlMap parse(String text) {
        return (YamlMap) YamlReader.parse("t.yaml", text);
    }

    @Test
    void keysAndValuesCarryOneBasedPositions() {
        YamlMap root = parse("# comment\nouter:\n  depth: 12\n  names: [C, 'M']\n");
        YamlMap.Entry outer = root.entry("outer").orElseThrow();
        assertEquals(SourceSpan.of("t.yaml", 2, 1), start(outer.key().span()));
        YamlMap inner = (YamlMap) outer.value();
        YamlMap.Entry depth = inner.entry("depth").orElseThrow();
        assertEquals(new SourceSpan("t.yaml", 3, 3, 3, 8), depth.key().span());
        assertEquals(new SourceSpan("t.yaml", 3, 10, 3, 12), depth.value().span());
        assertEquals(YamlScalar.Type.INTEGER, ((YamlScalar) depth.value()).type());
        YamlSeq names = (YamlSeq) inner.get("names").orElseThrow();
        assertEquals(SourceSpan.of("t.yaml", 4, 10), start(names.span()));
        YamlScalar m = (YamlScalar) names.get(1);
        assertEquals("M", m.text());
        assertEquals(YamlScalar.Type.STRING, m.type());
        assertEquals(15, m.textColumn(), "the text starts after the quote");
        assertEquals(java.util.List.of("depth", "names"), inner.keys());
    }

    @Test
    void partsOfAOneLineScalarCanBePointedAt() {
        YamlMap root = parse("factors: C=1 M=4\nquoted: \"C=1 M=4\"\nfolded: >\n  C=1\n  M=4\n");
        YamlScalar plain = (YamlScalar) root.get("factors").orElseThrow();
        assertEquals(new SourceSpan("t.yaml", 1, 14, 1, 17), plain.span(4, 7));
        YamlScalar quoted = (YamlScalar) root.get("quoted").orElseThrow();
        assertEquals(new SourceSpan("t.yaml", 2, 14, 2, 17), quoted.span(4, 7));
        YamlScalar folded = (YamlScalar) root.get("folded").orElseThrow();
        assertEquals(folded.span(), folded.span(4, 7), "a folded scalar falls back to its whole span");
    }

    @Test
    void tagsAnchorsAliasesAndMergeKeysAreKept() {
        YamlMap root = parse("""
                base: &b
                  depth: 4
                  width: 16
                copy: *b
                derived: !Component
                  <<: *b
                  depth: 8
                n: &n 3
                m: *n
                """);
        assertSame(root.get("base").orElseThrow(), root.get("copy").orElseThrow());
        YamlMap derived = (YamlMap) root.get("derived").orElseThrow();
        assertEquals(Optional.of("Component"), derived.tag());
        assertEquals(java.util.List.of("depth", "width"), derived.keys());
        assertEquals("8", ((YamlScalar) derived.get("depth").orElseThrow()).text());
        assertEquals("16", ((YamlScalar) derived.get("width").orElseThrow()).text());
        assertEquals("3", ((YamlScalar) root.get("m").orElseThrow()).text());
    }

    @Test
    void emptyValuesAndEmptyFiles() {
        YamlMap root = parse("keep:\nbypass: []\n");
        assertTrue(((YamlScalar) root.get("keep").orElseThrow()).isNull());
        assertEquals(0, ((YamlSeq) root.get("bypass").orElseThrow()).size());
        assertEquals(0, parse("# nothing here\n").size());
    }

    @Test
    void duplicateKeysAreErrors() {
        assertEquals("t.yaml:3:3: error: Duplicate key 'depth'; it is already set at line 2, column 3. Keep only one "
                + "of them.", errors(() -> parse("a:\n  depth: 4\n  depth: 5\n")));
    }

    @Test
    void malformedYamlIsReportedWhereTheParserStopped() {
        assertEquals("t.yaml:3:4: error: The file is not valid YAML: expected ',' or ']', but got : (while parsing a "
                        + "flow sequence that starts at line 2, column 6); fix the syntax here (check indentation, "
                        + "brackets and quotes).",
                errors(() -> parse("a:\n  b: [1, 2\n  c: 3\n")));
        assertEquals("t.yaml:1:5: error: The file is not valid YAML: mapping values are not allowed here; fix the "
                + "syntax here (check indentation, brackets and quotes).", errors(() -> parse("a: b: c\n")));
        assertEquals("t.yaml:1:4: error: The file is not valid YAML: found unexpected end of stream (while scanning a "
                + "quoted scalar that starts at line 1, column 4); fix the syntax here (check indentation, brackets "
                + "and quotes).", errors(() -> parse("a: \"open\n")));
    }

    @Test
    void unknownAliasesAndSecondDocumentsAreErrors() {
        assertEquals("t.yaml:1:4: error: Unknown alias '*nope'; define the anchor '&nope' on a node above this one "
                + "before using it.", errors(() -> parse("a: *nope\n")));
        assertEquals("t.yaml:3:1: error: The file holds a second YAML document; Timeloop reads one document per file, "
                + "so move this one into a file of its own.", errors(() -> parse("a: 1\n---\nb: 2\n")));
    }

    private static SourceSpan start(SourceSpan s) {
        return SourceSpan.of(s.file(), s.line(), s.column());
    }
}
