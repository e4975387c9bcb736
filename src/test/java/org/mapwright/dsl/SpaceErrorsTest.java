package org.mapwright.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mapwright.archspace.TestTechnology;
import org.mapwright.diag.Diagnostic;
import org.mapwright.diag.Diagnostics;
import org.mapwright.diag.InputException;

/**
 * Every kind of mistake in a {@code space} declaration gets located errors that say what to do: one case per kind,
 * each a small change to a valid space, with the exact diagnostics expected.
 */
class SpaceErrorsTest {

    /** A valid space; each case replaces some of its lines. */
    static final String[] BASE = {
        "space s {",
        "  limits { compute 64 }",
        "  level DRAM { kind dram  word 16 bits }",
        "  level glb { kind sram  capacity {16 .. 64 *2} KiB }",
        "  fanout {1 .. 8} x 1 { x: top {1, 2} of M, C, P }",
        "  level reg { kind register  capacity 1 words }",
        "  compute mac { word 16 bits }",
        "}",
    };

    /** The base with line {@code n} (1-based) replaced by {@code text}, for each pair. */
    static String with(Object... lineAndText) {
        String[] lines = BASE.clone();
        for (int i = 0; i < lineAndText.length; i += 2) {
            lines[(Integer) lineAndText[i] - 1] = (String) lineAndText[i + 1];
        }
        return String.join("\n", lines) + "\n";
    }

    static List<String> errors(String text) {
        InputException e = assertThrows(InputException.class, () -> Frontend.loadText("s.mw", text));
        return e.diagnostics().stream().map(Diagnostic::format).toList();
    }

    record Case(String name, String text, String... expected) {
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("unknown technology", with(2, "  technology 45mn  limits { compute 64 }"),
                "s.mw:2:14: error: Unknown technology `45mn`; did you mean `45nm`?"));
        c.add(new Case("technology twice", with(2, "  technology 45nm  technology 45nm  limits { compute 64 }"),
                "s.mw:2:20: error: The technology is given twice (first at s.mw:2:3); keep one."));
        c.add(new Case("unknown kind", with(4, "  level glb { kind sarm  capacity {16 .. 64 *2} KiB }"),
                "s.mw:4:20: error: Unknown kind `sarm`; did you mean `sram`?"));
        c.add(new Case("two kinds", with(4, "  level glb { kind sram, regfile  capacity {16 .. 64 *2} KiB }"),
                "s.mw:4:20: error: A level has one kind: dram, sram, regfile or register."));
        c.add(new Case("unknown attribute", with(4, "  level glb { kind sram  capcity {16 .. 64 *2} KiB }"),
                "s.mw:4:9: error: Level glb needs capacity choices, such as `capacity {16 .. 256 *2} KiB`; only the outermost level is unbounded.",
                "s.mw:4:26: error: Unknown attribute `capcity` of a level in a space; did you mean `capacity`?"));
        c.add(new Case("attribute twice", with(4, "  level glb { kind sram  capacity {16 .. 64 *2} KiB  kind sram }"),
                "s.mw:4:54: error: Attribute `kind` is given twice (first at s.mw:4:15); keep one."));
        c.add(new Case("empty range", with(4, "  level glb { kind sram  capacity {64 .. 16} KiB }"),
                "s.mw:4:36: error: The range 64 .. 16 is empty; write the smaller end first."));
        c.add(new Case("zero capacity", with(4, "  level glb { kind sram  capacity {0, 16} KiB }"),
                "s.mw:4:36: error: Capacity must be at least one word, got 0 KiB."));
        c.add(new Case("capacity not whole words", with(4, "  level glb { kind sram  capacity {1 .. 4} B  word 16 bits }"),
                "s.mw:4:36: error: Capacity 1 B is not a whole number of 16-bit words; make it a multiple of the word size."));
        c.add(new Case("capacity without unit", with(4, "  level glb { kind sram  capacity {16 .. 64 *2} }"),
                "s.mw:4:36: error: Capacity 16 needs a unit: words, bits, B, KiB or MiB."));
        c.add(new Case("names for numbers", with(4, "  level glb { kind sram  capacity big }"),
                "s.mw:4:35: error: The capacity takes numbers, such as `{1, 2, 4}` or `16 .. 256 *2`, not names."));
        c.add(new Case("unit twice", with(4, "  level glb { kind sram  capacity {16 KiB, 32} KiB }"),
                "s.mw:4:39: error: This value has its own unit `KiB` and the set's unit `KiB`; give the unit once, after the closing brace."));
        c.add(new Case("mixed units", with(4, "  level glb { kind sram  capacity 16 KiB .. 1 MiB *2 }"),
                "s.mw:4:35: error: The ends of a range are in `KiB` and `MiB`; write both ends in one unit."));
        c.add(new Case("geometric step below 2", with(4, "  level glb { kind sram  capacity {16 .. 64 *1} KiB }"),
                "s.mw:4:45: error: A geometric step multiplies by 2 or more, got 1."));
        c.add(new Case("geometric from zero", with(4, "  level glb { kind sram  capacity {0 .. 64 *2} words }"),
                "s.mw:4:36: error: A geometric range starts above 0, got 0."));
        c.add(new Case("too many options", with(4, "  level glb { kind sram  capacity {1 .. 5000} words }"),
                "s.mw:4:36: error: The capacity has more than 4096 options; use a geometric step such as `*2` or a larger step."));
        c.add(new Case("zero banks", with(4, "  level glb { kind sram  capacity 16 KiB  banks {0, 2} }"),
                "s.mw:4:50: error: The bank count must be at least 1, got 0."));
        c.add(new Case("zero bandwidth", with(4, "  level glb { kind sram  capacity 16 KiB  bandwidth 0 words/cycle }"),
                "s.mw:4:53: error: A bandwidth must be positive, got 0; leave it out for block x banks words per cycle."));
        c.add(new Case("buffering below 1", with(4, "  level glb { kind sram  capacity 16 KiB  buffering 0.5 }"),
                "s.mw:4:53: error: Buffering must be at least 1 (single buffering), got 0.5."));
        c.add(new Case("set for a single value", with(3, "  level DRAM { kind dram  word {8, 16} bits }"),
                "s.mw:3:32: error: The word size takes one value here, not a set or a range."));
        c.add(new Case("outermost not dram", with(3, "  level DRAM { kind sram  capacity 1 MiB }"),
                "s.mw:3:16: error: The outermost level DRAM must be `kind dram`: it is unbounded and keeps every tensor."));
        c.add(new Case("dram inside", with(6, "  level reg { kind dram }"),
                "s.mw:6:15: error: Only the outermost level may be DRAM; make level reg sram, regfile or register."));
        c.add(new Case("dram capacity", with(3, "  level DRAM { kind dram  capacity 1 MiB }"),
                "s.mw:3:27: error: DRAM is unbounded; remove the capacity of level DRAM."));
        c.add(new Case("dram keeps", with(3, "  level DRAM { kind dram  keeps Inputs }"),
                "s.mw:3:27: error: The outermost level keeps every tensor; remove the keeps of level DRAM."));
        c.add(new Case("missing capacity", with(6, "  level reg { kind register }"),
                "s.mw:6:9: error: Level reg needs capacity choices, such as `capacity {16 .. 256 *2} KiB`; only the outermost level is unbounded."));
        c.add(new Case("missing kind", with(6, "  level reg { capacity 1 words }"),
                "s.mw:6:9: error: Level reg needs a kind, which decides its energy and area: `kind sram`, `kind regfile` or `kind register`."));
        c.add(new Case("level twice", with(6, "  level glb { kind register  capacity 1 words }"),
                "s.mw:6:9: error: Level glb is declared twice (first at s.mw:4:9); rename one."));
        c.add(new Case("fanout first", with(3, "  fanout 2 x 2  level DRAM { kind dram }"),
                "s.mw:3:3: error: A fan-out must follow the level it fans out from; declare a level first."));
        c.add(new Case("two fanouts", with(5, "  fanout {1 .. 8} x 1  fanout 2 x 1"),
                "s.mw:5:24: error: Two fan-outs in a row; combine them into one mesh."));
        c.add(new Case("no levels", with(3, "", 4, "", 5, "", 6, "", 7, ""),
                "s.mw:1:7: error: Space s has no storage levels; declare at least a DRAM level, `level DRAM { kind dram }`.",
                "s.mw:1:7: error: Space s has no compute unit; end it with `compute mac { word 16 bits }`."));
        c.add(new Case("no compute", with(7, ""),
                "s.mw:1:7: error: Space s has no compute unit; end it with `compute mac { word 16 bits }`."));
        c.add(new Case("after compute", with(7, "  compute mac { word 16 bits }  level late { kind sram  capacity 1 KiB }"),
                "s.mw:7:33: error: Nothing may follow the compute unit mac; the compute unit comes last."));
        c.add(new Case("compute attribute", with(7, "  compute mac { energy 2 pJ }"),
                "s.mw:7:17: error: In a space, energy and area come from the technology; remove `energy`."));
        c.add(new Case("zero mesh side", with(5, "  fanout {0 .. 8} x 1 { x: top {1, 2} of M, C, P }"),
                "s.mw:5:11: error: A mesh side must be at least 1, got 0."));
        c.add(new Case("not x between sides", with(5, "  fanout {1 .. 8} by 1"),
                "s.mw:5:19: error: Write a fan-out mesh as `X x Y`, such as `{2 .. 32} x 1`; `by` is not `x`."));
        c.add(new Case("too many compute units", with(5, "  fanout {1 .. 65536 *2} x {1 .. 65536 *2}"),
                "s.mw:1:7: error: Space s allows up to 4294967296 compute units (the product of the largest mesh sides), more than the 2^24 = 16777216 supported; reduce the mesh ranges."));
        c.add(new Case("unknown axis", with(5, "  fanout {1 .. 8} x 1 { z: top 1 of M, C }"),
                "s.mw:5:25: error: Unknown axis `z`; a fan-out has axes x and y."));
        c.add(new Case("axis twice", with(5, "  fanout {1 .. 8} x 1 { x: M  x: C }"),
                "s.mw:5:31: error: Axis x is listed twice (first at s.mw:5:25); list it once."));
        c.add(new Case("not top", with(5, "  fanout {1 .. 8} x 1 { x: tpo 2 of M, C }"),
                "s.mw:5:28: error: Write a searched axis as `x: top K of DIMS` and a fixed one as `x: DIMS`; `tpo` is not `top`."));
        c.add(new Case("not of", with(5, "  fanout {1 .. 8} x 1 { x: top 2 in M, C }"),
                "s.mw:5:34: error: Write `top K of DIMS`; `in` is not `of`."));
        c.add(new Case("k larger than candidates", with(5, "  fanout {1 .. 8} x 1 { x: top {1 .. 4} of M, C, P }"),
                "s.mw:5:25: error: Axis x unrolls the top 4 of 3 candidates [M, C, P]; lower k to at most 3 or list more candidates."));
        c.add(new Case("k zero", with(5, "  fanout {1 .. 8} x 1 { x: top 0 of M, C, P }"),
                "s.mw:5:32: error: The k of a searched axis must be at least 1, got 0."));
        c.add(new Case("no candidates", with(5, "  fanout {1 .. 8} x 1 { x: top 1 of none }"),
                "s.mw:5:37: error: A searched axis needs candidate dimensions; list them or write `all` for N, M, C, P, Q, R, S."));
        c.add(new Case("candidate twice", with(5, "  fanout {1 .. 8} x 1 { x: top {1, 2} of M, C, M }"),
                "s.mw:5:48: error: Dimension M is listed twice in the candidates of axis x; list it once."));
        c.add(new Case("axis of none", with(5, "  fanout {1 .. 8} x 1 { x: none }"),
                "s.mw:5:28: error: An axis that unrolls nothing is a mesh side of 1; give the side 1 instead of `none`."));
        c.add(new Case("dataflow not a candidate", with(5, "  fanout {1 .. 8} x 1 { x: top {1, 2} of M, C, P  dataflow x: Q }"),
                "s.mw:5:63: error: The dataflow of axis x unrolls Q, which is not among its candidates; known: C, M, P."));
        c.add(new Case("misspelt dataflow dimension", with(5, "  fanout {1 .. 8} x 1 { x: top {1, 2} of M, C, P  dataflow x: Pp }"),
                "s.mw:5:63: error: The dataflow of axis x unrolls Pp, which is not among its candidates; did you mean `P`?"));
        c.add(new Case("not dataflow", with(5, "  fanout {1 .. 8} x 1 { x: top {1, 2} of M, C, P  dataflw x: M }"),
                "s.mw:5:51: error: Unknown word `dataflw` before an axis; did you mean `dataflow`?"));
        c.add(new Case("dataflow twice", with(5, "  fanout {1 .. 8} x 1 { x: top {1, 2} of M, C, P  dataflow x: M  dataflow x: C }"),
                "s.mw:5:66: error: The dataflow of axis x is given twice (first at s.mw:5:51); keep one."));
        c.add(new Case("dataflow all", with(5, "  fanout {1 .. 8} x 1 { x: top {1, 2} of M, C, P  dataflow x: all }"),
                "s.mw:5:63: error: A reference dataflow names the dimensions it unrolls, such as `dataflow x: Q, M`."));
        c.add(new Case("dataflow on a fixed axis", with(5, "  fanout {1 .. 8} x 1 { x: M, C  dataflow x: M }"),
                "s.mw:5:34: error: Axis x is fixed to M, C, so a reference dataflow changes nothing; remove it, or search the axis with `x: top K of ...`."));
        c.add(new Case("dataflow on an open axis", with(5, "  fanout {1 .. 8} x 1 { dataflow x: M }"),
                "s.mw:5:25: error: Axis x is not searched, so a reference dataflow changes nothing; search it with `x: top K of N, M, C, P, Q, R, S` or remove the dataflow."));
        c.add(new Case("unknown block", with(2, "  limts { compute 64 }"),
                "s.mw:2:3: error: Unknown block `limts` in a space; did you mean `limits`?"));
        c.add(new Case("limits twice", with(2, "  limits { compute 64 }  limits { compute 32 }"),
                "s.mw:2:26: error: The limits are given twice (first at s.mw:2:3); keep one."));
        c.add(new Case("unknown limit", with(2, "  limits { compute 64  onchp 1 MiB }"),
                "s.mw:2:24: error: Unknown attribute `onchp` in the limits; did you mean `onchip`?"));
        c.add(new Case("range as a limit", with(2, "  limits { compute 16 .. 64 }"),
                "s.mw:2:20: error: The compute limit takes one value here, not a set or a range."));
        c.add(new Case("zero area limit", with(2, "  limits { area 0 mm2 }"),
                "s.mw:2:17: error: The area limit must be positive; leave it out for no limit."));
        c.add(new Case("compute limit out of reach", with(2, "  limits { compute 64 }", 5, "  fanout {128 .. 256} x 1"),
                "s.mw:2:12: error: No point of space s meets the compute limit of 64 units: its smallest meshes give 128; raise the limit or allow smaller mesh sides."));
        c.add(new Case("on-chip limit out of reach", with(2, "  limits { compute 64  onchip 8 KiB }"),
                "s.mw:2:24: error: No point of space s meets the on-chip limit of 8192 B: its smallest capacities and meshes hold 16386 B; raise the limit or allow smaller capacities or meshes."));
        c.add(new Case("energy in a level", with(4, "  level glb { kind sram  capacity {16 .. 64 *2} KiB  energy 2 pJ }"),
                "s.mw:4:54: error: In a space, energy and area come from the technology; remove `energy`."));
        c.add(new Case("links twice", with(2, "  links off  links on  limits { compute 64 }"),
                "s.mw:2:14: error: Links are given twice (first at s.mw:2:3); keep one."));
        c.add(new Case("syntax", with(5, "  fanout {1 .. 8} x { x: M }"),
                "s.mw:5:23: error: Unexpected name 'x'; expected a number."));
        c.add(new Case("space twice", with(8, "}\nspace s { level DRAM { kind dram }  compute mac { word 16 bits } }"),
                "s.mw:9:7: error: Space s is declared twice (first at s.mw:1:1); rename one or drop the duplicate include."));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> eachMistakeIsReportedWhereItIs() {
        return cases().stream().map(k -> DynamicTest.dynamicTest(k.name(), () ->
                assertEquals(Arrays.asList(k.expected()), errors(k.text()), k.text())));
    }

    /** Checks a space against a test technology, so that the area limit can be priced without the built-in tables. */
    static List<String> withTestTechnology(String text) {
        Ast.SourceFile f = DslParser.parse("s.mw", text);
        Diagnostics d = new Diagnostics();
        new SpaceChecker(d, n -> Optional.of(TestTechnology.INSTANCE), List.of("45nm")).check((SpaceAst.SpaceDecl) f.decls().get(0));
        return d.all().stream().map(Diagnostic::format).toList();
    }

    @Test
    void anAreaLimitThatNoPointMeetsIsReported() {
        // cheapest point: 16 KiB of SRAM (78643.2 + 2000 + 160 um2), a 16-bit register (96 um2) and one MAC (1500 um2)
        assertEquals(List.of("s.mw:2:12: error: No point of space s meets the area limit of 0.08 mm2: its cheapest point takes "
                + "0.08240 mm2 in technology test; raise the limit or allow smaller sizes."),
                withTestTechnology(with(2, "  limits { area 0.08 mm2 }")));
        assertEquals(List.of(), withTestTechnology(with(2, "  limits { area 0.083 mm2 }")));
    }

    @Test
    void theBaseSpaceIsValid() {
        assertEquals(1, Frontend.loadText("s.mw", with()).spaces().size());
    }
}
