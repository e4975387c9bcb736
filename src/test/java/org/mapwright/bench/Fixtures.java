package org.mapwright.bench;

import java.util.ArrayList;
import java.util.List;
import org.mapwright.search.Budget;
import org.mapwright.search.TracePoint;

/** Hand-made benchmark results whose summaries and curves can be worked out on paper. */
final class Fixtures {
    static final double INF = Double.POSITIVE_INFINITY;

    private Fixtures() {
    }

    static BenchResult.Layer layer(String name, int index, double bound) {
        return new BenchResult.Layer(name, index, "(M=4)", List.of(), bound);
    }

    /** A run whose trace is the given (evaluation, best EDP) pairs, at one millisecond per evaluation. */
    static Run run(String layer, String mapper, int seed, double seconds, double... evalBest) {
        List<TracePoint> trace = new ArrayList<>();
        double best = INF;
        for (int i = 0; i < evalBest.length; i += 2) {
            best = evalBest[i + 1];
            trace.add(new TracePoint((long) evalBest[i], (long) evalBest[i], evalBest[i] / 1000, best));
        }
        return new Run(layer, mapper, seed, 1000 + seed, best, 100, 50, 0, seconds, trace);
    }

    static BenchResult result(List<String> mappers, int seeds, List<BenchResult.Layer> layers, List<Run> runs) {
        return new BenchResult("net", "acc", new BenchConfig(mappers, Budget.evaluations(100), seeds, 1, 1), layers, runs);
    }

    /**
     * Layers L1 (lower bound 1) and L2 (bound 2), mappers a and b, three seeds:
     * a on L1 reaches 2, 4, 8 (median 4) in 1, 2, 3 s; a on L2 2, 6, 10 (median 6) in 8, 8, 1 s;
     * b on L1 1, 3 and nothing (median 3) in 1 s each; b on L2 16 and twice nothing (median: nothing), 1 s each.
     */
    static BenchResult twoByTwo() {
        List<Run> runs = List.of(
                run("L1", "a", 0, 1, 10, 2), run("L1", "a", 1, 2, 10, 4), run("L1", "a", 2, 3, 10, 8),
                run("L2", "a", 0, 8, 10, 2), run("L2", "a", 1, 8, 10, 6), run("L2", "a", 2, 1, 10, 10),
                run("L1", "b", 0, 1, 10, 1), run("L1", "b", 1, 1, 10, 3), run("L1", "b", 2, 1),
                run("L2", "b", 0, 1, 10, 16), run("L2", "b", 1, 1), run("L2", "b", 2, 1));
        return result(List.of("a", "b"), 3, List.of(layer("L1", 0, 1), layer("L2", 1, 2)), runs);
    }
}
