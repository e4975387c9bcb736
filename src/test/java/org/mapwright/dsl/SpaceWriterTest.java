package org.mapwright.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mapwright.archspace.ArchSpace;
import org.mapwright.archspace.Choice;
import org.mapwright.archspace.Connectivity;
import org.mapwright.archspace.FanoutSpec;
import org.mapwright.archspace.LevelSpec;
import org.mapwright.archspace.Limits;
import org.mapwright.tech.MemoryKind;

/**
 * {@link SpaceWriter} writes a declaration that the front end reads back to an equal space, for the built-in spaces,
 * their sizing-only versions and a seeded loop of random spaces; both decode every point to the same candidate.
 */
class SpaceWriterTest {

    static ArchSpace roundTrip(ArchSpace s) {
        String text = SpaceWriter.write(s);
        Library lib = Frontend.loadText("written.mw", text);
        assertEquals(Set.of(s.name()), lib.spaces().keySet(), text);
        return lib.spaces().get(s.name());
    }

    /** Equal spaces, and equal candidates (same keys) at random points, some of them NaN or outside [0, 1]. */
    private static void assertRoundTrips(ArchSpace s, SplittableRandom rnd, int points) {
        for (ArchSpace space : List.of(s, s.sizingOnly())) {
            ArchSpace back = roundTrip(space);
            String text = SpaceWriter.write(space);
            assertEquals(space.levels(), back.levels(), text);
            assertEquals(space.fanouts(), back.fanouts(), text);
            assertEquals(space, back, text);
            assertEquals(space.parameterNames(), back.parameterNames(), text);
            for (int i = 0; i < points; i++) {
                double[] u = point(space.dimensions(), rnd);
                var original = space.decode(u);
                var read = back.decode(u);
                assertEquals(original.key(), read.key(), text);
                assertEquals(original, read, text);
            }
        }
    }

    private static double[] point(int n, SplittableRandom rnd) {
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, -0.5, 1.5, 0, 1};
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = rnd.nextInt(10) == 0 ? specials[rnd.nextInt(specials.length)] : rnd.nextDouble();
        }
        return u;
    }

    private static List<ArchSpace> fileSpaces() throws IOException {
        List<Path> files = new ArrayList<>(BuiltinLibraryTest.builtinFiles());
        files.add(Path.of("src/test/resources/archsearch/tiny_space.mw"));
        files.add(Path.of("src/test/resources/org/mapwright/dsl/FrontendFuzzTestInputs/parseAndCheck/space_every_parameter_kind.mw"));
        List<ArchSpace> all = new ArrayList<>();
        for (Path p : files) {
            all.addAll(Frontend.load(List.of(p)).spaces().values());
        }
        return all;
    }

    @TestFactory
    Stream<DynamicTest> everyBuiltinAndTestSpaceReadsBackEqual() throws IOException {
        List<ArchSpace> all = fileSpaces();
        assertTrue(all.stream().map(ArchSpace::name).toList().containsAll(
                List.of("eyeriss_resources", "edge_resources", "cloud_resources", "tiny_eyeriss", "tiny")), all.toString());
        return all.stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> assertRoundTrips(s, new SplittableRandom(7), 40)));
    }

    @Test
    void theSizingOnlySpaceIsWrittenWithFixedAxes() {
        ArchSpace eyeriss = Frontend.loadBuiltin("eyeriss_resources.mw").spaces().get("eyeriss_resources");
        String text = SpaceWriter.write(eyeriss.sizingOnly());
        assertTrue(text.contains("fanout {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, "
                + "25, 26, 27, 28, 29, 30, 31, 32} x 1 { x: M, Q }"), text);
        assertTrue(eyeriss.sizingOnly().dimensions() < eyeriss.dimensions());
        assertEquals(eyeriss.sizingOnly(), roundTrip(eyeriss.sizingOnly()));
        assertNotEquals(eyeriss, roundTrip(eyeriss.sizingOnly()));
    }

    @Test
    void randomSpacesReadBackEqual() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < 150; i++) {
            ArchSpace s = RandomSpaces.space(rnd, "random_" + i);
            assertRoundTrips(s, rnd, 3);
        }
    }

    @Test
    void whatTheDslCannotSayIsRefused() {
        ArchSpace base = RandomSpaces.space(new SplittableRandom(1), "s");
        LevelSpec dram = base.levels().get(0);
        LevelSpec unsorted = level("glb", new Choice<>(List.of(16L, 8L)), 1, Choice.fixed(Optional.empty()));
        assertEquals("The choice of level glb's capacity lists [16, 8], but the DSL orders every numeric choice from "
                + "smallest to largest; sort the options.", refusal(space(List.of(dram, unsorted), Limits.NONE, "45nm")));
        LevelSpec keepsAll = level("glb", Choice.fixed(8L), 1, Choice.fixed(Optional.of(Set.of("all"))));
        assertEquals("The tensor name `all` in level glb reads as a set in a space, not as a name; rename the tensor.",
                refusal(space(List.of(dram, keepsAll), Limits.NONE, "45nm")));
        LevelSpec plain = level("glb", Choice.fixed(8L), 1, Choice.fixed(Optional.empty()));
        assertEquals("Space s names technology `7nm`, which the DSL does not know; name one of [45nm, 16nm].",
                refusal(space(List.of(dram, plain), Limits.NONE, "7nm")));
        LevelSpec deep = level("glb", Choice.fixed(8L), 65, Choice.fixed(Optional.empty()));
        assertEquals("The buffering of level glb, 65.0, is more than the 64 the DSL accepts; lower it.",
                refusal(space(List.of(dram, deep), Limits.NONE, "45nm")));
        Limits tight = new Limits(OptionalLong.empty(), OptionalLong.of(15), OptionalDouble.empty());
        assertEquals("No point of space s meets its on-chip limit of 15 B, and the DSL rejects such a space; raise the "
                + "limit or allow smaller sizes.", refusal(space(List.of(dram, plain), tight, "45nm")));
        Limits small = new Limits(OptionalLong.empty(), OptionalLong.empty(), OptionalDouble.of(1e-9));
        assertTrue(refusal(space(List.of(dram, plain), small, "45nm")).startsWith("No point of space s meets its area limit"));
        Limits huge = new Limits(OptionalLong.empty(), OptionalLong.empty(), OptionalDouble.of(2e15));
        assertEquals("The area limit of space s, 2.0E15 mm2, is more than the 1e15 mm2 the DSL accepts; lower the "
                + "limit or drop it.", refusal(space(List.of(dram, plain), huge, "45nm")));
        LevelSpec named = level("level", Choice.fixed(8L), 1, Choice.fixed(Optional.empty()));
        assertEquals("The level name `level` is not a DSL name; rename it to letters, digits and underscores that are not "
                + "a keyword.", refusal(space(List.of(dram, named), Limits.NONE, "45nm")));
    }

    @Test
    void areaLimitsReadBackToTheSameDouble() {
        LevelSpec dram = RandomSpaces.space(new SplittableRandom(1), "s").levels().get(0);
        LevelSpec plain = level("glb", Choice.fixed(8L), 1, Choice.fixed(Optional.empty()));
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 300; i++) {
            double mm2 = i == 0 ? 0.1 + 0.2 : i == 1 ? 1e15 : Math.scalb(1 + rnd.nextDouble(), rnd.nextInt(-8, 49));
            Limits area = new Limits(OptionalLong.empty(), OptionalLong.empty(), OptionalDouble.of(mm2));
            ArchSpace s = space(List.of(dram, plain), area, "16nm");
            assertEquals(s, roundTrip(s), SpaceWriter.write(s));
        }
    }

    private static LevelSpec level(String name, Choice<Long> capacity, double buffering, Choice<Optional<Set<String>>> keeps) {
        return new LevelSpec(name, MemoryKind.SRAM, 16, capacity, Choice.fixed(1), Choice.fixed(1), Optional.empty(),
                buffering, keeps);
    }

    private static ArchSpace space(List<LevelSpec> levels, Limits limits, String technology) {
        return new ArchSpace("s", technology, levels, List.of(new FanoutSpec(levels.get(1).name(), Choice.fixed(2),
                Choice.fixed(1), new Connectivity.Any(), new Connectivity.Any())),
                new org.mapwright.archspace.ComputeSpec("mac", 16), limits, true);
    }

    private static String refusal(ArchSpace s) {
        return assertThrows(IllegalArgumentException.class, () -> SpaceWriter.write(s)).getMessage();
    }
}
