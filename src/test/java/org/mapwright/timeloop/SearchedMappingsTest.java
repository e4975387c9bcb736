package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.arch.Architecture;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.cost.Evaluation;
import org.mapwright.cost.ModelSpec;
import org.mapwright.cost.LevelStats;
import org.mapwright.cost.TensorStats;
import org.mapwright.dsl.Frontend;
import org.mapwright.mapping.Mapping;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.search.Budget;
import org.mapwright.search.Defaults;
import org.mapwright.search.Mappers;
import org.mapwright.search.Objective;
import org.mapwright.search.SearchDriver;
import org.mapwright.search.SearchResult;
import org.mapwright.testing.Shared;
import org.mapwright.testing.TimeloopStats;
import org.mapwright.testing.TimeloopTool;
import org.mapwright.workload.Workload;

/**
 * A search is an adversary of the model: it finds the corners where the model is wrong. For one layer of every
 * built-in kind on every reference design, the default mapper's best mapping (small seeded budget) is written as
 * Timeloop YAML with the problem ({@link ProblemWriter}), run through the real {@code timeloop-model} with the
 * reference design's architecture and ERT (the DSL built-ins equal them: {@link DslEquivalenceTest}), and Timeloop's
 * report must match the model's: cycles and every per-level, per-tensor read, fill and update count exactly, energy
 * within 1e-6 relative. Timeloop runs in the mode {@link TimeloopTool#LINK_TRANSFERS} names.
 */
class SearchedMappingsTest {
    /** Network, layer, and the kind it stands for. */
    static final List<String[]> LAYERS = List.of(
            new String[] {"resnet50", "res2a_branch2b", "3x3 conv"},
            new String[] {"resnet50", "conv1", "strided 7x7 conv"},
            new String[] {"resnet50", "res2a_branch2a", "1x1 pointwise"},
            new String[] {"resnet50", "res3a_branch2a", "strided 1x1"},
            new String[] {"mobilenet_v2", "b2_2_dw", "depthwise"},
            new String[] {"mobilenet_v2", "b2_1_dw", "strided depthwise"},
            new String[] {"bert_base", "q_proj", "GEMM"},
            new String[] {"bert_base", "attn_score", "batched GEMM"},
            new String[] {"alexnet", "fc6", "fully connected"});
    static final List<String> DESIGNS = List.of("eyeriss_like", "simple_ws", "simple_os");
    private static final long EVALUATIONS = 2_000;

    @TempDir
    Path tmp;

    /** How long Timeloop may take in its exact mode (every temporal step simulated). */
    static final long EXACT_MODE_SECONDS = 60;

    @TestFactory
    Stream<DynamicTest> bestMappingsMatchTimeloop() {
        if (!Shared.referencePresent() || !Shared.toolPresent()) {
            return Stream.of(DynamicTest.dynamicTest("Timeloop", () -> {
                Shared.reference();
                Shared.runModel();
            }));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (String design : DESIGNS) {
            for (String[] l : LAYERS) {
                tests.add(DynamicTest.dynamicTest(design + " " + l[0] + "." + l[1] + " (" + l[2] + ")",
                        () -> check(design, l[0], l[1])));
            }
        }
        return tests.stream();
    }

    private void check(String design, String network, String layer) throws Exception {
        Workload w = Frontend.loadBuiltin(network + ".mw").networks().get(network).layer(layer).orElseThrow().workload();
        Architecture a = Frontend.loadBuiltin(design + ".mw").accelerators().get(design);
        SearchResult r = SearchDriver.run(new Mapspace(w, a, Constraints.NONE), Mappers.byName(Defaults.MAPPER),
                SearchDriver.Settings.of(Objective.EDP, Budget.evaluations(EVALUATIONS), Defaults.SEED));
        Mapping best = r.bestMapping().orElseThrow(() -> new AssertionError("The search found no valid mapping."));
        Evaluation e = new AnalyticalModel(w, a).evaluate(best);
        assertTrue(e.valid(), e::reason);
        Path ref = Shared.referenceDir().resolve("inputs");
        TimeloopStats t = TimeloopTool.run(Shared.runModelPath(), tmp.resolve(design + "-" + layer),
                ProblemWriter.write(w), ref.resolve("arch/" + design + ".yaml"), ref.resolve("ert/" + design + ".yaml"),
                MappingWriter.write(best, w, a));
        assertEquals(w.macs(), t.computes(), "Timeloop's problem has another iteration space than the workload's");
        List<String> out = compare(e, t);
        List<String> emulated = compare(AnalyticalModel.timeloopDefaultMode(new ModelSpec(w, a)).evaluate(best), t);
        if (!out.isEmpty()) {
            // Timeloop's default mode extrapolates temporal reuse; the model follows its exact mode, which the
            // emulation of the default mode reproduces here. Hold the model to the exact mode where it finishes.
            Path dir = tmp.resolve(design + "-" + layer);
            Optional<String> exact = TimeloopTool.find(Shared.dir()).orElseThrow().run(List.of(dir.resolve("problem.yaml"),
                    ref.resolve("arch/" + design + ".yaml"), ref.resolve("ert/" + design + ".yaml"),
                    dir.resolve("mapping.yaml")), dir.resolve("exact"), true, EXACT_MODE_SECONDS);
            if (exact.isEmpty()) {
                System.err.println(design + " " + layer + ": the default mode's extrapolation explains the difference;"
                        + " Timeloop's exact mode did not finish in " + EXACT_MODE_SECONDS + " s");
                return;
            }
            out = compare(e, TimeloopStats.parse(exact.get()));
        }
        if (!out.isEmpty()) {
            fail("Timeloop and the model differ on the best mapping:\n  " + String.join("\n  ", out)
                    + "\nemulating Timeloop's default mode:\n  " + String.join("\n  ", emulated) + "\nmapping:\n"
                    + MappingWriter.write(best, w, a));
        }
    }

    /** Every difference between the model's evaluation and Timeloop's report, as a line each; empty if none. */
    static List<String> compare(Evaluation e, TimeloopStats t) {
        List<String> out = new ArrayList<>();
        if (t.cycles() != e.cycles()) {
            out.add("cycles: Timeloop " + t.cycles() + ", model " + e.cycles());
        }
        // Within 1e-6 as asked, and within the precision Timeloop prints: 1e-6 alone would hide a rounding slip of a
        // few vector accesses (rounding blocks down instead of up changes the energy by about 1e-7)
        if (Math.abs(t.energyPj() - e.energyPj()) > Math.min(1e-6 * Math.abs(t.energyPj()),
                t.energyPrintPj() + 1e-12 * Math.abs(t.energyPj()))) {
            out.add("energy_pJ: Timeloop " + t.energyPj() + ", model " + e.energyPj());
        }
        for (String level : t.levels().keySet()) {
            if (e.level(level).isEmpty()) {
                out.add(level + ": a storage level in Timeloop only");
            }
        }
        for (LevelStats ls : e.levels()) {
            Map<String, TimeloopStats.Counts> theirs = t.levels().getOrDefault(ls.name(), Map.of());
            TreeSet<String> names = new TreeSet<>(theirs.keySet());
            names.addAll(ls.tensors().keySet());
            for (String ds : names) {
                TimeloopStats.Counts c = theirs.get(ds);
                TensorStats ts = ls.tensors().get(ds);
                if (c == null || ts == null) {
                    out.add(ls.name() + "/" + ds + ": kept " + (c == null ? "in the model only" : "in Timeloop only"));
                    continue;
                }
                field(out, ls.name(), ds, "reads", c.reads(), ts.readsTotal());
                field(out, ls.name(), ds, "fills", c.fills(), ts.fillsTotal());
                field(out, ls.name(), ds, "updates", c.updates(), ts.updatesTotal());
            }
        }
        return out;
    }

    private static void field(List<String> out, String level, String ds, String what, long timeloop, long model) {
        if (timeloop != model) {
            out.add(level + "/" + ds + " " + what + ": Timeloop " + timeloop + ", model " + model);
        }
    }
}
