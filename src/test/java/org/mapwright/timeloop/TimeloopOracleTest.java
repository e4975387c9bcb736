package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.arch.Architecture;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.cost.Evaluation;
import org.mapwright.cost.ModelSpec;
import org.mapwright.dsl.Frontend;
import org.mapwright.mapping.Mapping;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.MapPoint;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.search.Budget;
import org.mapwright.search.CostOracle;
import org.mapwright.search.CostOracles;
import org.mapwright.search.Defaults;
import org.mapwright.search.Mappers;
import org.mapwright.search.Objective;
import org.mapwright.search.OracleOptions;
import org.mapwright.search.Outcome;
import org.mapwright.search.SearchDriver;
import org.mapwright.search.SearchResult;
import org.mapwright.testing.Shared;
import org.mapwright.workload.Workload;

/**
 * The {@code timeloop} oracle against the real {@code timeloop-model} (the shared Timeloop v3.0.3 build; skipped
 * without it, failed under CI). Every built-in design, written by {@link ArchitectureWriter} and {@link ErtWriter}
 * with its keeps and allowed spatial dimensions enforced by the mapping, runs in Timeloop: the best mapping a search
 * finds for two layers of different kinds per design costs, by the oracle, what the analytical model says in
 * Timeloop's default mode ({@link AnalyticalModel#timeloopDefaultMode}): the same cycles, and the same energy to the
 * precision Timeloop prints. Timeloop's rejections of the reference set's invalid mappings come back as the matching
 * invalid outcomes, and a search with the oracle counts its true evaluations.
 */
class TimeloopOracleTest {
    /** Network, layer, and the kind it stands for. */
    static final List<String[]> LAYERS = List.of(
            new String[] {"resnet50", "res2a_branch2b", "3x3 conv"},
            new String[] {"mobilenet_v2", "b2_1_dw", "strided depthwise"},
            new String[] {"bert_base", "attn_score", "batched GEMM"},
            new String[] {"resnet50", "conv1", "strided 7x7 conv"},
            new String[] {"alexnet", "fc6", "fully connected"});
    private static final ObjectMapper JSON = new ObjectMapper();

    private static OracleOptions options() {
        return OracleOptions.DEFAULT.withTimeloop(Shared.runModel());
    }

    @TestFactory
    Stream<DynamicTest> searchedBestMappingsCostWhatTheModelSays() {
        if (!Shared.toolPresent()) {
            return Stream.of(DynamicTest.dynamicTest("Timeloop", Shared::runModel));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (int d = 0; d < ArchitectureWriterTest.DESIGNS.size(); d++) {
            String design = ArchitectureWriterTest.DESIGNS.get(d);
            for (String[] l : List.of(LAYERS.get(d), LAYERS.get((d + 2) % LAYERS.size()))) {
                tests.add(DynamicTest.dynamicTest(design + " " + l[0] + "." + l[1] + " (" + l[2] + ")",
                        () -> check(design, l[0], l[1])));
            }
        }
        return tests.stream();
    }

    private static void check(String design, String network, String layer) {
        check(Frontend.loadBuiltin(design + ".mw").accelerators().get(design), network, layer);
    }

    private static void check(Workload w, Architecture a) {
        Mapspace space = new Mapspace(w, a, Constraints.NONE);
        SearchResult r = SearchDriver.run(space, Mappers.byName(Defaults.MAPPER),
                SearchDriver.Settings.of(Objective.EDP, Budget.evaluations(2_000), Defaults.SEED));
        MapPoint best = r.best().orElseThrow(() -> new AssertionError("The search found no valid mapping."));
        Outcome o;
        try (CostOracle timeloop = CostOracles.byName("timeloop").open(space, options())) {
            o = timeloop.evaluate(best);
        }
        Mapping m = space.toMapping(best);
        Evaluation e = AnalyticalModel.timeloopDefaultMode(new ModelSpec(w, a)).evaluate(m);
        assertTrue(o.valid(), () -> "Timeloop rejected the mapping: " + o + "\n" + MappingWriter.write(m, w, a));
        assertEquals(e.cycles(), o.cycles(), "cycles");
        assertEquals(e.energyPj(), o.energyPj(), tolerance(e.energyPj(), a, w), "energy in pJ");
    }

    /**
     * A design with every attribute away from its default (a bounded outermost level, multiple buffering, shared and
     * fractional bandwidths, a capacity that is not a whole number of blocks, 8-bit words, 2-D fan-outs with allowed
     * dimensions, keeps, and link transfers off) runs in Timeloop and costs what the model says.
     */
    @Test
    void anAcceleratorWithEveryAttributeRunsInTimeloop() {
        Shared.runModel();
        Architecture a = Frontend.loadText("full.mw", """
                accelerator full {
                  level Backing { capacity 4 MiB  word 8 bits  block 8 words  energy read 100 pJ, write 120.5 pJ }
                  level glb {
                    capacity 20001 words  word 16 bits  block 4 words
                    bandwidth read 3.5, write 2, shared 4.25
                    energy read 7.125 pJ, write 8 pJ  buffering 2
                  }
                  fanout 4 x 2 { x: M, C  y: P, Q }
                  level rf { capacity 97 words  energy class regfile  keeps Weights, Outputs  buffering 1.5 }
                  fanout 3 x 2
                  level reg { capacity 2 words  energy 0.009 pJ  keeps Weights }
                  links off
                  compute alu { energy 1.75 pJ }
                }
                """).accelerators().get("full");
        check(a, "resnet50", "res3a_branch2a");
        check(a, "mobilenet_v2", "b2_1_dw");
    }

    /**
     * Link transfers follow the accelerator: a mapping whose PEs forward inputs to their neighbours (R across PEs with
     * P sliding above them) costs, by Timeloop, what the model says with link transfers on and, for an accelerator
     * with them off, what it says without them; the two differ.
     */
    @Test
    void linkTransfersFollowTheAccelerator(@TempDir Path tmp) throws Exception {
        Path ref = Reference.timeloop().resolve("inputs");
        Path exe = TimeloopModel.executable(Shared.runModel());
        String mapping = LinkTransfersToolTest.mapping(
                LinkTransfersToolTest.level("output_activation_reg", "Outputs", "", "", ""),
                LinkTransfersToolTest.level("input_activation_reg", "Inputs", "", "", ""),
                LinkTransfersToolTest.level("weight_reg", "Weights", "", "", ""),
                LinkTransfersToolTest.level("pe_spad", "Weights Inputs", "C4 M8 S3", "", ""),
                LinkTransfersToolTest.level("shared_glb", "Weights Inputs Outputs", "Q4 P4", "R3", ""),
                LinkTransfersToolTest.level("DRAM", "Weights Inputs Outputs", "", "", ""));
        TimeloopInputs in = TimeloopLoader.load(List.of(
                Files.writeString(tmp.resolve("problem.yaml"), LinkTransfersToolTest.conv(4, 8, 3, 3, 4, 4, 1)),
                ref.resolve("arch/simple_ws.yaml"), ref.resolve("ert/simple_ws.yaml"),
                Files.writeString(tmp.resolve("mapping.yaml"), mapping)), true);
        Mapping m = in.mapping().orElseThrow();
        double[] energy = new double[2];
        for (boolean links : new boolean[] {true, false}) {
            Architecture a = in.architecture().withLinkTransfers(links);
            Outcome o;
            try (TimeloopModel t = new TimeloopModel(exe, in.workload(), a, 60)) {
                o = t.evaluate(m);
            }
            Evaluation e = AnalyticalModel.timeloopDefaultMode(new ModelSpec(in.workload(), a)).evaluate(m);
            assertEquals(e.cycles(), o.cycles(), "link transfers " + links);
            assertEquals(e.energyPj(), o.energyPj(), tolerance(e.energyPj(), a, in.workload()), "link transfers " + links);
            energy[links ? 0 : 1] = o.energyPj();
        }
        assertTrue(energy[0] < energy[1], () -> "forwarding saved no energy: " + energy[0] + " and " + energy[1]);
    }

    private static void check(Architecture a, String network, String layer) {
        Workload w = Frontend.loadBuiltin(network + ".mw").networks().get(network).layer(layer).orElseThrow().workload();
        check(w, a);
    }

    /**
     * How far Timeloop's energy may be from the model's: within 1e-6 relative, and within half of 0.01 pJ per line
     * Timeloop prints (at most three per level and tensor, one per network and tensor, and the compute level's), so
     * that a slip of even one vector access of the cheapest level shows.
     */
    static double tolerance(double energyPj, Architecture a, Workload w) {
        double lines = 4.0 * a.levelCount() * w.tensors().size() + 1;
        return Math.min(1e-6 * energyPj, 0.005 * lines + 1e-12 * energyPj);
    }

    @TestFactory
    Stream<DynamicTest> timeloopsRejectionsBecomeInvalidOutcomes() {
        if (!Shared.toolPresent()) {
            return Stream.of(DynamicTest.dynamicTest("Timeloop", Shared::runModel));
        }
        return Reference.tests(root -> Reference.find(root.resolve("cases"), "*/_invalid/*.json").stream()
                .filter(p -> !p.getFileName().toString().contains("__product"))
                .map(p -> DynamicTest.dynamicTest(p.getParent().getParent().getFileName() + "/" + p.getFileName(),
                        () -> rejected(root, p))));
    }

    private static void rejected(Path root, Path json) throws Exception {
        JsonNode c = JSON.readTree(json.toFile());
        JsonNode in = c.get("inputs");
        TimeloopInputs inputs = TimeloopLoader.load(List.of(root.resolve(in.get("problem").asText()),
                root.resolve(in.get("arch").asText()), root.resolve(in.get("ert").asText()),
                root.resolve(in.get("mapping").asText())), true);
        Outcome o;
        try (TimeloopModel t = new TimeloopModel(TimeloopModel.executable(Shared.runModel()), inputs.workload(),
                inputs.architecture(), 60)) {
            o = t.evaluate(inputs.mapping().orElseThrow());
        }
        String perturbation = c.get("perturbation").asText();
        Outcome.Status expected = c.get("kind").asText().equals("cap") ? Outcome.Status.CAPACITY
                : perturbation.contains("spatial X") ? Outcome.Status.FANOUT_X : Outcome.Status.FANOUT_Y;
        assertEquals(expected, o.status(), perturbation);
        if (expected == Outcome.Status.CAPACITY) {
            String level = c.get("timeloop_error_lines").get(0).asText().replaceAll(".*couldn't map level (\\S+):.*", "$1");
            assertEquals(inputs.architecture().levelIndex(level).orElseThrow(), o.level());
        }
    }

    /** A small search on two threads with the oracle: it spends exactly its budget of true evaluations. */
    @Test
    void aSearchSpendsItsBudgetInTrueEvaluations() {
        Shared.runModel();
        Workload w = Frontend.loadBuiltin("resnet50.mw").networks().get("resnet50").layer("res2a_branch2b").orElseThrow()
                .workload();
        Architecture a = Frontend.loadBuiltin("eyeriss_like.mw").accelerators().get("eyeriss_like");
        Mapspace space = new Mapspace(w, a, Constraints.NONE);
        SearchResult r = SearchDriver.run(space, Mappers.byName("random"), SearchDriver.Settings.of(Objective.EDP,
                Budget.evaluations(12), 5).withThreads(2).withOracle(CostOracles.byName("timeloop"), options()));
        assertEquals(12, r.trueEvaluations());
        assertEquals(r.evaluations(), r.trueEvaluations() + r.cacheHits());
        assertTrue(r.valid() >= 2, "too few mappings went to Timeloop to run it in parallel");
        Outcome best = r.bestOutcome().orElseThrow(() -> new AssertionError("no valid mapping in 12 evaluations"));
        Evaluation e = AnalyticalModel.timeloopDefaultMode(new ModelSpec(w, a)).evaluate(r.bestMapping().orElseThrow());
        assertEquals(e.cycles(), best.cycles());
        assertEquals(e.energyPj(), best.energyPj(), tolerance(e.energyPj(), a, w));
    }
}
