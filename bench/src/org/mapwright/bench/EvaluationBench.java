package org.mapwright.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.mapwright.arch.Architecture;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.cost.Evaluation;
import org.mapwright.cost.LoopNest;
import org.mapwright.cost.Workspace;
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.mapping.Mapping;
import org.mapwright.testing.RandomMappings;
import org.mapwright.workload.Workload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Evaluations per second per thread of the analytical model on ResNet-50 layers on the Eyeriss-like design, over a
 * pool of 1024 random valid mappings (seed 1). {@code nest} is the allocation-free hot path that mappers use;
 * {@code record} builds the full {@code Evaluation} from a {@code Mapping}, as {@code mapwright evaluate} does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EvaluationBench {

    @Param({"res2a_branch2b", "conv1", "res3a_branch2c", "res5a_branch2b"})
    public String layer;

    private static final int POOL = 1024;
    private AnalyticalModel model;
    private Workspace ws;
    private LoopNest[] nests;
    private Mapping[] mappings;
    private int next;

    @Setup
    public void setup() {
        Library lib = Frontend.load(List.of(Path.of("workloads/resnet50.mw"), Path.of("workloads/eyeriss_like.mw")));
        Workload w = lib.networks().get("resnet50").layer(layer).orElseThrow().workload();
        Architecture a = lib.accelerators().get("eyeriss_like");
        model = new AnalyticalModel(w, a);
        ws = model.newWorkspace();
        SplittableRandom rnd = new SplittableRandom(1);
        List<Mapping> valid = new ArrayList<>();
        int tries = 0;
        while (valid.size() < POOL) {
            if (++tries > 50_000_000) {
                throw new IllegalStateException("Found only " + valid.size() + " valid random mappings of " + layer + ".");
            }
            Mapping m = RandomMappings.sample(w, a, rnd);
            if (model.evaluate(LoopNest.of(m, model.spec()), ws)) {
                valid.add(m);
            }
        }
        mappings = valid.toArray(new Mapping[0]);
        nests = new LoopNest[POOL];
        for (int i = 0; i < POOL; i++) {
            nests[i] = LoopNest.of(mappings[i], model.spec());
        }
    }

    @Benchmark
    public double nest() {
        LoopNest n = nests[next++ & (POOL - 1)];
        model.evaluateWellFormed(n, ws);
        return ws.energy + ws.cycles;
    }

    @Benchmark
    public Evaluation record() {
        return model.evaluate(mappings[next++ & (POOL - 1)]);
    }

    /** Entry point for a quick run without JMH's runner: prints valid evaluations per second of the hot path. */
    public static void main(String[] args) {
        EvaluationBench b = new EvaluationBench();
        b.layer = args.length > 0 ? args[0] : "res2a_branch2b";
        b.setup();
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            double sink = 0;
            int n = 2_000_000;
            for (int i = 0; i < n; i++) {
                sink += b.nest();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%s: %.0f evaluations/s (sink %.1f)%n", b.layer, n / s, sink % 7);
        }
    }
}
