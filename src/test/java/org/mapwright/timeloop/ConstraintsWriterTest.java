package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.StorageLevel;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.cost.Evaluation;
import org.mapwright.dsl.Frontend;
import org.mapwright.mapping.Mapping;
import org.mapwright.mapspace.Axis;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.FactorRule;
import org.mapwright.mapspace.LevelConstraints;
import org.mapwright.testing.Shared;
import org.mapwright.testing.TimeloopTool;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.Workload;

/**
 * {@link ConstraintsWriter} says in Timeloop's constraints what a design's keeps and allowed spatial dimensions say:
 * the text for NVDLA-like, what {@link ConstraintsReader} reads back for every built-in design, and, with the real
 * Timeloop mapper, that the mappings it finds under them break neither.
 */
class ConstraintsWriterTest {
    private static final Workload CONV = Frontend.loadBuiltin("resnet50.mw").networks().get("resnet50")
            .layer("res3a_branch2a").orElseThrow().workload();

    @TempDir
    Path tmp;

    private static Architecture design(String name) {
        return Frontend.loadBuiltin(name + ".mw").accelerators().get(name);
    }

    @Test
    void nvdlaLikesKeepsAndSpatialDimensions() {
        assertEquals("""
                architecture_constraints:
                  targets:
                  - {target: conv_buffer, type: bypass, bypass: [Outputs]}
                  - {target: conv_buffer, type: spatial, factors: 'C=1 R=1 S=1 N=1 P=1 Q=1', permutation: 'MCRSNPQ', split: 1}
                  - {target: accumulator, type: bypass, bypass: [Weights, Inputs]}
                  - {target: accumulator, type: spatial, factors: 'M=1 R=1 S=1 N=1 P=1 Q=1', permutation: 'CMRSNPQ', split: 0}
                  - {target: weight_reg, type: bypass, bypass: [Inputs, Outputs]}
                """, ConstraintsWriter.write(design("nvdla_like"), CONV));
    }

    @Test
    void everyBuiltInDesignReadsBackAsItsRestrictions() {
        for (String name : ArchitectureWriterTest.DESIGNS) {
            Architecture a = design(name);
            String text = ConstraintsWriter.write(a, CONV);
            Constraints c = TimeloopLoader.constraintsOf(List.of(TimeloopDocument.parse(name + ".yaml", text)), CONV, a);
            for (StorageLevel l : a.levels()) {
                LevelConstraints lc = c.level(l.name());
                Set<String> forbidden = CONV.tensors().stream().map(Tensor::name).filter(t -> !l.mayKeep(t))
                        .collect(Collectors.toSet());
                assertEquals(forbidden, lc.bypass(), name + " " + l.name());
                assertEquals(Set.of(), lc.keep(), name + " " + l.name());
                for (var d : CONV.dims()) {
                    String dim = d.name();
                    boolean x = l.fanout().x() > 1 && l.fanout().allowsX(dim);
                    boolean y = l.fanout().y() > 1 && l.fanout().allowsY(dim);
                    boolean restricted = l.fanout().allowedX().isPresent() || l.fanout().allowedY().isPresent();
                    assertEquals(restricted && !x && !y ? Optional.of(new FactorRule.Fixed(1)) : Optional.empty(),
                            Optional.ofNullable(lc.spatial().get(dim)), name + " " + l.name() + " " + dim);
                    Axis axis = lc.axes().get(dim);
                    if (restricted && x != y) {
                        assertEquals(x ? Axis.X : Axis.Y, axis, name + " " + l.name() + " " + dim);
                    }
                }
            }
        }
    }

    @Test
    void aFanOutTimeloopCannotDescribeIsRefused() {
        Architecture a = Frontend.loadText("mixed.mw", """
                accelerator mixed {
                  level DRAM { energy 1 pJ }
                  fanout 4 x 4 { x: M }
                  level rf { capacity 64 words  energy 1 pJ }
                  compute mac { energy 1 pJ }
                }
                """).accelerators().get("mixed");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConstraintsWriter.write(a, CONV));
        assertEquals("The fan-out below level DRAM lets M use either axis but C only Y, which Timeloop's spatial "
                + "constraints (one permutation split between X and Y) cannot say; allow each dimension on one axis, "
                + "or on both, for every dimension alike.", e.getMessage());
    }

    /** Timeloop's mapper, given the constraints, finds mappings that respect the design's keeps and spatial dimensions. */
    @Test
    void timeloopsMapperHonoursThem() throws Exception {
        Path mapper = Shared.runModel().resolveSibling("run-mapper");
        for (String name : List.of("nvdla_like", "simba_like")) {
            Architecture a = design(name);
            Path dir = Files.createDirectories(tmp.resolve(name));
            List<Path> files = List.of(
                    Files.writeString(dir.resolve("problem.yaml"), ProblemWriter.write(CONV)),
                    Files.writeString(dir.resolve("arch.yaml"), ArchitectureWriter.write(a)),
                    Files.writeString(dir.resolve("ert.yaml"), ErtWriter.write(a)),
                    Files.writeString(dir.resolve("mapper.yaml"), """
                            mapper:
                              optimization-metrics: [ edp ]
                              live-status: False
                              num-threads: 1
                              algorithm: random-pruned
                              victory-condition: 40
                              timeout: 20000
                              search-size: 120
                              log-stats: False
                            """),
                    Files.writeString(dir.resolve("constraints.yaml"), ConstraintsWriter.write(a, CONV)));
            ProcessBuilder pb = new ProcessBuilder(mapper.toString(), "-o", dir.toString(), files.get(0).toString(),
                    files.get(1).toString(), files.get(2).toString(), files.get(3).toString(), files.get(4).toString())
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile());
            pb.environment().putAll(TimeloopTool.mode());
            Process p = pb.start();
            assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "timeloop-mapper did not finish");
            Path best = dir.resolve("timeloop-mapper.map.yaml");
            assertTrue(p.exitValue() == 0 && Files.exists(best), () -> "timeloop-mapper failed: " + read(dir.resolve("log.txt")));
            Mapping m = MappingReader.read(TimeloopDocument.read(best).section(TimeloopDocument.Section.MAPPING)
                    .orElseThrow().value(), CONV, a);
            Evaluation e = new AnalyticalModel(CONV, a).evaluate(m);
            assertTrue(e.valid(), () -> name + ": Timeloop's mapper found a mapping the design cannot run: " + e.reason());
            assertTrue(m.levels().stream().anyMatch(lm -> !lm.spatialX().isEmpty() || !lm.spatialY().isEmpty()),
                    () -> name + ": the mapping unrolls nothing, so it tests no spatial restriction");
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

}
