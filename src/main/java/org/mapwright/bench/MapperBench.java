package org.mapwright.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.mapwright.search.Budget;
import org.mapwright.search.LowerBound;
import org.mapwright.search.MapperProvider;
import org.mapwright.search.Objective;
import org.mapwright.search.ProgressListener;
import org.mapwright.search.SearchDriver;
import org.mapwright.search.SearchResult;

/**
 * Runs a benchmark: every mapper, at its default settings, on every layer with every seed, one search after another
 * through {@link SearchDriver} with the same budget and thread count, minimising EDP.
 *
 * <p>Seeds: seed index {@code k} stands for the root seed {@code R + k}, and a layer's search seed is split from
 * that root by the layer's place in the network exactly as {@code mapwright map} splits it; so the search of seed
 * {@code k} on a layer is the one {@code mapwright map --seed R+k --layer L --mapper M --budget-evals N --threads T}
 * makes, and every mapper sees the same seeds.
 *
 * <p>Before the first timed search every mapper searches the first layer briefly (a JIT warm-up, not reported), so
 * that the first mapper is not charged for compiling the search code the others then share.
 */
public final class MapperBench {
    /** The default mappers come first, in this order, when they are registered. */
    static final List<String> PREFERRED_ORDER = List.of("gradient", "anneal", "genetic", "random", "default");
    /** Registered mappers left out of the default list: an exhaustive search is not a budgeted search. */
    static final List<String> NOT_BY_DEFAULT = List.of("exhaustive");
    /** The warm-up's budget for each mapper. */
    static final Budget WARM_UP = new Budget(2_000, 0.5, 0, 0);
    /** Entries of each search's evaluation cache, as {@code mapwright map} uses. */
    static final int CACHE_SIZE = 1 << 15;

    private MapperBench() {
    }

    /**
     * The mappers a benchmark compares when none are named: every registered mapper but an exhaustive search, those
     * of {@link #PREFERRED_ORDER} first in that order, then the others by name.
     */
    public static List<String> defaultMappers(Collection<String> registered) {
        List<String> out = new ArrayList<>();
        for (String m : PREFERRED_ORDER) {
            if (registered.contains(m)) {
                out.add(m);
            }
        }
        for (String m : new TreeSet<>(registered)) {
            if (!out.contains(m) && !NOT_BY_DEFAULT.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    /** The root seed seed index {@code k} stands for. */
    public static long rootSeed(long root, int k) {
        return root + k;
    }

    /**
     * The seed of the search of seed index {@code k} on the layer at {@code layerIndex} of the network: the stream
     * of root seed {@code root + k}, split once per layer in network order (as {@code mapwright map} does).
     */
    public static long searchSeed(long root, int k, int layerIndex) {
        SplittableRandom r = new SplittableRandom(rootSeed(root, k));
        long seed = 0;
        for (int i = 0; i <= layerIndex; i++) {
            seed = r.split().nextLong();
        }
        return seed;
    }

    /**
     * Runs the benchmark.
     *
     * @param cases     the layers, in network order
     * @param providers the mappers, named as {@code config.mappers()} names them
     * @param progress  where a line per layer and mapper goes (stderr)
     */
    public static BenchResult run(String workload, String accelerator, List<LayerCase> cases,
                                  List<MapperProvider> providers, BenchConfig config, PrintWriter progress) {
        if (!providers.stream().map(MapperProvider::name).toList().equals(config.mappers())) {
            throw new IllegalArgumentException("The mapper providers " + providers.stream().map(MapperProvider::name)
                    .toList() + " are not the benchmark's mappers " + config.mappers() + ".");
        }
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("A benchmark needs at least one layer.");
        }
        warmUp(cases.get(0), providers, config, progress);
        List<BenchResult.Layer> layers = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        String counter = "[%" + Integer.toString(cases.size()).length() + "d/" + cases.size() + "] ";
        for (int c = 0; c < cases.size(); c++) {
            LayerCase lc = cases.get(c);
            double bound = LowerBound.of(lc.space()).edp();
            layers.add(new BenchResult.Layer(lc.name(), lc.index(), lc.space().workload().withName("").toString(),
                    lc.sameAs(), bound));
            String prefix = String.format(Locale.ROOT, counter, c + 1) + lc.name() + ": ";
            progress.println(prefix + lc.space().workload().withName("") + ", lower bound EDP " + Report.number(bound)
                    + (lc.sameAs().isEmpty() ? "" : " (also stands for " + String.join(", ", lc.sameAs()) + ")"));
            for (MapperProvider p : providers) {
                List<Run> mine = new ArrayList<>();
                for (int k = 0; k < config.seeds(); k++) {
                    mine.add(search(lc, p, k, config));
                }
                runs.addAll(mine);
                progress.println(prefix + describe(p.name(), mine, bound));
            }
        }
        return new BenchResult(workload, accelerator, config, layers, runs);
    }

    private static Run search(LayerCase lc, MapperProvider p, int k, BenchConfig config) {
        long seed = searchSeed(config.rootSeed(), k, lc.index());
        SearchResult sr = SearchDriver.run(lc.space(), p, new SearchDriver.Settings(Objective.EDP, config.budget(), seed,
                config.threads(), CACHE_SIZE, ProgressListener.NONE).withOracle(config.oracle(), config.oracleOptions()));
        double best = sr.bestOutcome().map(o -> o.edp()).orElse(Double.POSITIVE_INFINITY);
        return new Run(lc.name(), p.name(), k, seed, best, sr.evaluations(), sr.valid(), sr.cacheHits(), sr.seconds(),
                sr.trace());
    }

    private static void warmUp(LayerCase first, List<MapperProvider> providers, BenchConfig config, PrintWriter progress) {
        Budget b = new Budget(Math.min(WARM_UP.evaluations(), config.budget().evaluations()), WARM_UP.seconds(), 0, 0);
        progress.println(String.format(Locale.ROOT, "warming up: each mapper searches %s for up to %,d evaluations "
                + "or %.1f s (not reported)", first.name(), b.evaluations(), b.seconds()));
        for (MapperProvider p : providers) {
            SearchDriver.run(first.space(), p, new SearchDriver.Settings(Objective.EDP, b, ~config.rootSeed(),
                    config.threads(), CACHE_SIZE, ProgressListener.NONE).withOracle(config.oracle(), config.oracleOptions()));
        }
    }

    private static String describe(String mapper, List<Run> runs, double bound) {
        double[] edps = runs.stream().mapToDouble(Run::bestEdp).toArray();
        double med = Stats.median(edps);
        long failed = runs.stream().filter(r -> !r.found()).count();
        double seconds = runs.stream().mapToDouble(Run::seconds).sum();
        String ratio = Report.ratio(Stats.overBound(med, bound));
        return String.format(Locale.ROOT, "%s median EDP %s (%s lower bound) over %d seed%s%s, %.2f s", mapper,
                Report.number(med), ratio, runs.size(), runs.size() == 1 ? "" : "s",
                failed == 0 ? "" : ", " + failed + " without a valid mapping", seconds);
    }
}
