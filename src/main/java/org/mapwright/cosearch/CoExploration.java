package org.mapwright.cosearch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.mapwright.arch.Architecture;
import org.mapwright.archsearch.ArchSearch;
import org.mapwright.archsearch.Checkpoint;
import org.mapwright.archsearch.Design;
import org.mapwright.archsearch.Exploration;
import org.mapwright.archsearch.LocalExecutor;
import org.mapwright.archsearch.PopulationScorer;
import org.mapwright.archsearch.Scored;
import org.mapwright.archsearch.SpaceDesigns;
import org.mapwright.archsearch.StrategyProvider;
import org.mapwright.archspace.Usage;
import org.mapwright.exec.Engine;
import org.mapwright.exec.Job;
import org.mapwright.exec.Workers;
import org.mapwright.mapspace.Constraints;
import org.mapwright.netcost.CostMetric;
import org.mapwright.netcost.ExactCost;
import org.mapwright.netcost.LearnedCost;
import org.mapwright.netcost.NetCost;
import org.mapwright.netcost.Target;
import org.mapwright.netmap.NetworkMapper;
import org.mapwright.netmap.NetworkResult;
import org.mapwright.netsearch.NetSearch;
import org.mapwright.netsearch.Objective;
import org.mapwright.netspace.AccuracyModel;
import org.mapwright.netspace.NetCandidate;
import org.mapwright.netspace.NetSpace;
import org.mapwright.netspace.OfaAccuracy;
import org.mapwright.workload.Network;

/**
 * The co-search as {@code mapwright search-co} runs it. Three answers, each mapped at the end by the same final
 * mapper so they compare like with like:
 * <ul>
 *   <li>baseline: the given network (MobileNetV2) on the Eyeriss-like design as built, with its row-stationary
 *       constraints, costed by the space's technology model;</li>
 *   <li>network only: the network search alone on that fixed design and constraints, cheapest network above the
 *       accuracy floor (screened exactly: one design's layers are few);</li>
 *   <li>co-search: the accelerator search over the space (CMA-ES by default, checkpointed, resumable), each design
 *       scored by its own network search ({@link DesignNetworks}); its best few designs re-mapped with their
 *       networks by the final mapper, the lowest EDP the answer.</li>
 * </ul>
 */
public final class CoExploration {

    /**
     * @param strategy      the accelerator search's strategy
     * @param population    designs per generation (0: the strategy's default)
     * @param budgetDesigns designs to score (0: none)
     * @param budgetSeconds seconds (0: none)
     * @param seed          root seed
     * @param threads       designs scored at once
     * @param accuracyFloor the least accuracy of every answer's network
     * @param inner         each design's network search
     * @param networkOnly   the network search on the fixed baseline design
     * @param exact         the inner mapper of exact costs (its seed is replaced by one split from the root)
     * @param last          the final mapper (seed likewise)
     * @param finalTop      best designs re-mapped by the final mapper
     */
    public record Settings(StrategyProvider strategy, int population, long budgetDesigns, double budgetSeconds, long seed,
                           int threads, double accuracyFloor, NetSearch.Settings inner, NetSearch.Settings networkOnly,
                           NetworkMapper.Settings exact, NetworkMapper.Settings last, int finalTop) {
        public Settings {
            Objects.requireNonNull(strategy, "strategy");
            if (threads < 1 || finalTop < 1) {
                throw new IllegalArgumentException("Give at least one thread and re-map at least one design.");
            }
            if (!(accuracyFloor >= 0 && accuracyFloor <= 1)) {
                throw new IllegalArgumentException("The accuracy floor is a fraction between 0 and 1, got " + accuracyFloor + ".");
            }
        }
    }

    /**
     * One answer: a network on a design.
     *
     * @param name        baseline, network_only or co_search
     * @param key         the network's key in its space, or the baseline network's name
     * @param network     the network
     * @param accuracy    its top-1 accuracy (given for the baseline, predicted for searched networks)
     * @param arch        the design
     * @param constraints the design's mapping constraints' name
     * @param search      its exact cost with the inner mapper (what the search saw)
     * @param mapped      every layer mapped by the final mapper
     * @param areaMm2     the design's area by the technology model
     * @param dsl         the network as DSL text (searched networks; empty for the given baseline network)
     */
    public record Answer(String name, String key, Network network, double accuracy, Architecture arch, String constraints,
                         NetCost search, NetworkResult mapped, double areaMm2, String dsl) {
        public double edp() {
            return mapped.edp();
        }
    }

    /** Everything the co-search found. */
    public record Result(String spaceName, String netSpaceName, Objective objective, ArchSearch.Run run,
                         Answer baseline, Answer networkOnly, Optional<Answer> best, List<Answer> finalists,
                         NetSearch.Result networkOnlySearch, double seconds) {
    }

    /** No network of the network-only search reaches the accuracy floor: a floor the user should lower. */
    public static final class FloorUnreached extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        FloorUnreached(String message) {
            super(message);
        }
    }

    private CoExploration() {
    }

    /** Seeds of the run: [strategy, exact mapper, inner network searches, network-only search]. */
    static long[] seeds(long root) {
        SplittableRandom r = new SplittableRandom(root);
        return new long[] {r.split().nextLong(), r.split().nextLong(), r.split().nextLong(), r.split().nextLong()};
    }

    /** Runs the co-search with the designs scored on local threads, with {@code accuracy} as the accuracy model. */
    public static Result run(SpaceDesigns designs, NetSpace netSpace, AccuracyModel accuracy, LearnedCost predictor,
                             Network baselineNet, double baselineAccuracy, Settings s, Optional<Path> checkpoint,
                             String fingerprint, ArchSearch.Listener listener, Consumer<String> progress) {
        return run(designs, netSpace, accuracy, predictor, baselineNet, baselineAccuracy, s, checkpoint, fingerprint,
                listener, progress, (objective, inner, exact) -> {
                    DesignNetworks coster = new DesignNetworks(netSpace, accuracy, predictor, exact, objective, inner);
                    return new Scoring(PopulationScorer.local(coster, new LocalExecutor(s.threads())), coster);
                });
    }

    /**
     * Runs the co-search with the designs scored as tasks on {@code engine} (each task runs one design's network
     * search, from the spaces, settings and predictor sent to the workers; the network space's own accuracy
     * predictor). The baselines, the network-only search and the finalists run in this process.
     */
    public static Result run(SpaceDesigns designs, NetSpace netSpace, LearnedCost predictor, Network baselineNet,
                             double baselineAccuracy, Settings s, Engine engine, Optional<Path> checkpoint,
                             String fingerprint, ArchSearch.Listener listener, Consumer<String> progress) {
        return run(designs, netSpace, OfaAccuracy.shared(), predictor, baselineNet, baselineAccuracy, s, checkpoint,
                fingerprint, listener, progress, (objective, inner, exact) -> {
                    Job job = CoDesignTasks.job(designs, netSpace, predictor, objective, inner, exact.settings());
                    // the finalists' network searches: the workers' own in this process (a local engine), else run again
                    CoDesignTasks.CoWorker here = (CoDesignTasks.CoWorker) Workers.of(job);
                    return new Scoring(PopulationScorer.engine(engine, job), here.networks());
                });
    }

    /** How the designs are scored, and the network searches behind the scores. */
    private record Scoring(PopulationScorer scorer, DesignNetworks networks) {
    }

    private interface ScoringFactory {
        Scoring create(Objective objective, NetSearch.Settings inner, ExactCost exact);
    }

    private static Result run(SpaceDesigns designs, NetSpace netSpace, AccuracyModel accuracy, LearnedCost predictor,
                              Network baselineNet, double baselineAccuracy, Settings s, Optional<Path> checkpoint,
                              String fingerprint, ArchSearch.Listener listener, Consumer<String> progress,
                              ScoringFactory scoring) {
        long start = System.nanoTime();
        long[] seeds = seeds(s.seed());
        NetworkMapper.Settings exactSettings = s.exact().withSeed(seeds[1]).withThreads(1);
        NetworkMapper.Settings last = s.last().withSeed(seeds[1]).withThreads(s.threads());
        ExactCost exact = new ExactCost(exactSettings, s.threads());
        Objective objective = Objective.minCost(CostMetric.EDP, s.accuracyFloor());
        int population = s.population() > 0 ? s.population() : s.strategy().defaultPopulation(designs.dimensions());
        String fp = String.join("|", fingerprint, designs.fingerprint(), netSpace.name(), accuracy.name(),
                Double.toString(s.accuracyFloor()), s.strategy().name(), Integer.toString(population),
                Long.toString(s.seed()), s.inner().toString(), exactSettings.mapper().name(),
                exactSettings.budget().toString(), predictor.model().info().toString());
        checkpoint.ifPresent(f -> Checkpoint.read(f, fp));

        Architecture eyeriss = Exploration.eyerissAsBuilt(designs.technology());
        Constraints rs = Exploration.rowStationary();
        Target base = new Target(eyeriss, "row_stationary", w -> rs);
        double eyerissArea = Usage.of(eyeriss).areaMm2();
        progress.accept("baseline: " + baselineNet.name() + " on " + eyeriss.name() + " (row-stationary)");
        Answer baseline = new Answer("baseline", baselineNet.name(), baselineNet, baselineAccuracy, eyeriss,
                "row_stationary", exact.cost(baselineNet, base), map(last, baselineNet, base), eyerissArea, "");

        progress.accept("network only: searching " + netSpace.name() + " on " + eyeriss.name() + " (row-stationary)");
        NetSearch.Settings no = s.networkOnly();
        NetSearch.Result nr = NetSearch.run(netSpace, netSpace.named(), accuracy, exact, exact, base, objective,
                new NetSearch.Settings(no.population(), no.budgetNets(), no.parents(), no.mutationRate(), no.crossover(),
                        no.recheckTop(), seeds[3]), NetSearch.Listener.NONE);
        NetSearch.Rechecked nb = nr.best().orElseThrow(() -> new FloorUnreached("No network of " + netSpace.name()
                + " that the network search found on the baseline design reaches the accuracy floor "
                + s.accuracyFloor() + "; lower the floor or search more networks."));
        Network nbNet = nb.screened().net().network("network_only");
        Answer networkOnly = new Answer("network_only", nb.screened().net().key(), nbNet, nb.screened().accuracy(),
                eyeriss, "row_stationary", nb.exact(), map(last, nbNet, base), eyerissArea,
                nb.screened().net().dsl("network_only"));

        progress.accept("co-search: accelerator search over " + designs.name() + ", a network search per design");
        NetSearch.Settings in = s.inner();
        Scoring scored = scoring.create(objective, new NetSearch.Settings(in.population(), in.budgetNets(),
                in.parents(), in.mutationRate(), in.crossover(), in.recheckTop(), seeds[2]), exact);
        DesignNetworks coster = scored.networks();
        ArchSearch.Run run = ArchSearch.run(designs, scored.scorer(), new ArchSearch.Settings(s.strategy(), population,
                s.budgetDesigns(), s.budgetSeconds(), seeds[0]), checkpoint, fp, listener);

        List<Answer> finalists = new ArrayList<>();
        for (Design d : top(run, designs, s.finalTop())) {
            NetSearch.Result r = coster.search(d);
            NetSearch.Rechecked b = r.best().orElseThrow();
            NetCandidate net = b.screened().net();
            Network n = net.network("co_search");
            progress.accept("re-mapping finalist " + (finalists.size() + 1) + " with " + last.mapper().name());
            finalists.add(new Answer("co_search", net.key(), n, b.screened().accuracy(), d.architecture(), "none",
                    b.exact(), map(last, n, Target.of(d.architecture())), d.areaMm2(), net.dsl("co_search")));
        }
        finalists.sort(Comparator.comparingDouble(Answer::edp));
        return new Result(designs.name(), netSpace.name(), objective, run, baseline, networkOnly,
                finalists.isEmpty() ? Optional.empty() : Optional.of(finalists.get(0)), finalists, nr,
                (System.nanoTime() - start) / 1e9);
    }

    private static NetworkResult map(NetworkMapper.Settings last, Network n, Target t) {
        return new NetworkMapper(last).map(n, t.arch(), t.constraints());
    }

    /** The search's {@code k} best distinct feasible designs, best first. */
    static List<Design> top(ArchSearch.Run run, SpaceDesigns designs, int k) {
        Map<String, double[]> point = new HashMap<>();
        for (int g = 0; g < run.generations().size(); g++) {
            for (int i = 0; i < run.generations().get(g).size(); i++) {
                point.putIfAbsent(run.generations().get(g).get(i).key(), run.points().get(g).get(i));
            }
        }
        List<Scored> all = new ArrayList<>(run.all().stream().filter(Scored::feasible).toList());
        all.sort(Comparator.comparingDouble(Scored::edp));
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (Scored sc : all) {
            if (keys.size() < k) {
                keys.add(sc.key());
            }
        }
        return keys.stream().map(key -> designs.decode(point.get(key))).toList();
    }
}
