package org.mapwright.archsearch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.mapwright.arch.Architecture;
import org.mapwright.archspace.Usage;
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.exec.Engine;
import org.mapwright.mapspace.Constraints;
import org.mapwright.netmap.NetworkMapper;
import org.mapwright.netmap.NetworkResult;
import org.mapwright.search.Budget;
import org.mapwright.search.MapperProvider;
import org.mapwright.tech.Technology;
import org.mapwright.workload.Network;
import org.mapwright.workload.Workload;

/**
 * A whole accelerator exploration, as {@code mapwright search-arch} runs it: the baselines (the Eyeriss-like design
 * as built, with its row-stationary constraints, and without them), the search over the space, the best design
 * mapped layer by layer, and the network's floor, all costed by the space's technology model and the same inner
 * mapper and budget.
 */
public final class Exploration {

    /** Name of the baseline with the row-stationary constraints. */
    public static final String EYERISS = "eyeriss_like";
    /** Name of the baseline mapped without constraints. */
    public static final String EYERISS_UNCONSTRAINED = "eyeriss_like_unconstrained";

    /**
     * Settings of an exploration.
     *
     * @param strategy      the outer strategy
     * @param population    candidates per generation (0: the strategy's default for the space)
     * @param budgetDesigns candidates to score (0: none, then budgetSeconds must be given)
     * @param budgetSeconds seconds (0: none)
     * @param seed          the root seed: split into the strategy's seed and the inner mappings' root seed
     * @param threads       designs scored in parallel (each design's layers are mapped on one thread)
     * @param innerMapper   the mapper of every layer of every design
     * @param innerBudget   its budget per layer
     * @param sizingOnly    whether connectivity is fixed to the space's reference dataflow (the ablation)
     * @param finalMapper   the mapper that re-maps the best designs and the baselines at the end
     * @param finalBudget   its budget per layer
     * @param finalTop      how many of the search's best distinct designs are re-mapped (0: none; the search's
     *                      figures are then the result)
     */
    public record Settings(StrategyProvider strategy, int population, long budgetDesigns, double budgetSeconds,
                           long seed, int threads, MapperProvider innerMapper, Budget innerBudget, boolean sizingOnly,
                           MapperProvider finalMapper, Budget finalBudget, int finalTop) {
        public Settings {
            Objects.requireNonNull(strategy, "strategy");
            Objects.requireNonNull(innerMapper, "innerMapper");
            Objects.requireNonNull(innerBudget, "innerBudget");
            Objects.requireNonNull(finalMapper, "finalMapper");
            Objects.requireNonNull(finalBudget, "finalBudget");
            if (threads < 1) {
                throw new IllegalArgumentException("Give at least one thread.");
            }
            if (finalTop < 0) {
                throw new IllegalArgumentException("The number of designs to re-map is 0 or more.");
            }
        }
    }

    /**
     * One of the search's best designs, re-mapped with the final mapper.
     *
     * @param design the design
     * @param search its score during the search (inner mapper)
     * @param last   its score with the final mapper
     */
    public record Finalist(Design design, Scored search, Scored last) {
    }

    /**
     * A fixed design costed as the candidates are.
     *
     * @param name        its name in the report
     * @param description what it is
     * @param search      its network cost with the inner mapper, as the candidates are scored in the search
     * @param last        its network cost with the final mapper, if the best designs were re-mapped
     */
    public record Baseline(String name, String description, Scored search, Optional<Scored> last) {

        /** The figure comparable with the result's best: the final one when there is one. */
        public Scored score() {
            return last.orElse(search);
        }
    }

    /**
     * The outcome.
     *
     * @param spaceName  the space searched
     * @param network    the network
     * @param run        the search
     * @param finalists  the search's best designs re-mapped with the final mapper, best first (empty when not
     *                   re-mapped)
     * @param best       the best design, if any was feasible: the best finalist, or the search's best
     * @param bestScore  its score (final when re-mapped)
     * @param bestMapped its layers' mappings and costs
     * @param baselines  the fixed designs, by name
     * @param floor      the network's floor under the space's compute limit
     * @param population candidates per generation
     */
    public record Result(String spaceName, Network network, ArchSearch.Run run, List<Finalist> finalists,
                         Optional<Design> best, Optional<Scored> bestScore, Optional<NetworkResult> bestMapped, Map<String, Baseline> baselines, Floor floor,
                         int population) {
    }

    private Exploration() {
    }

    /**
     * Runs the exploration.
     *
     * @param space       the designs (already restricted for the ablation if wanted)
     * @param technology  the space's technology, which also costs the baselines
     * @param computeLimit the space's limit on compute units, for the floor
     * @param checkpoint  where the search checkpoints, if anywhere
     * @param fingerprint what identifies the space (its text, say), joined with the settings into the checkpoint's
     *                    fingerprint
     */
    public static Result run(DesignSpace space, Technology technology, long computeLimit, Network network,
                             Settings s, Optional<Path> checkpoint, String fingerprint, ArchSearch.Listener listener,
                             java.util.function.Consumer<String> progress) {
        return run(space, technology, computeLimit, network, s, checkpoint, fingerprint, listener, progress,
                coster -> PopulationScorer.local(coster, new LocalExecutor(s.threads())));
    }

    /**
     * Runs the exploration with the candidates scored as tasks on {@code engine} (every task maps the network onto
     * one design, from the space and network sent to the workers as text); the baselines and the final re-mapping
     * run in this process. The result is the one {@link #run(DesignSpace, Technology, long, Network, Settings,
     * Optional, String, ArchSearch.Listener, java.util.function.Consumer) the local run} gives.
     */
    public static Result run(SpaceDesigns space, long computeLimit, Network network, Settings s, Engine engine,
                             Optional<Path> checkpoint, String fingerprint, ArchSearch.Listener listener,
                             java.util.function.Consumer<String> progress) {
        return run(space, space.technology(), computeLimit, network, s, checkpoint, fingerprint, listener, progress,
                coster -> PopulationScorer.engine(engine, DesignTasks.job(space, network, coster.inner())));
    }

    private static Result run(DesignSpace space, Technology technology, long computeLimit, Network network,
                              Settings s, Optional<Path> checkpoint, String fingerprint, ArchSearch.Listener listener,
                              java.util.function.Consumer<String> progress,
                              Function<NetworkCoster, PopulationScorer> scorer) {
        long strategySeed = new SplittableRandom(s.seed()).split().nextLong();
        long innerSeed = mappingSeed(s.seed());
        NetworkMapper.Settings inner = NetworkMapper.Settings.defaults().withMapper(s.innerMapper())
                .withBudget(s.innerBudget()).withSeed(innerSeed).withThreads(1);
        NetworkCoster coster = new NetworkCoster(network, inner);
        int population = s.population() > 0 ? s.population() : s.strategy().defaultPopulation(space.dimensions());
        String fp = String.join("|", fingerprint, space.name(), Integer.toString(space.dimensions()), network.name(),
                layersFingerprint(network), s.strategy().name(), Integer.toString(population), Long.toString(s.seed()),
                s.innerMapper().name(), s.innerBudget().toString(), Boolean.toString(s.sizingOnly()), technology.name());
        // a checkpoint of another search is refused before any mapping is spent on the baselines
        checkpoint.ifPresent(f -> Checkpoint.read(f, fp));
        Map<String, Baseline> baselines = baselines(technology, coster, progress);
        ArchSearch.Run run = ArchSearch.run(space, scorer.apply(coster), new ArchSearch.Settings(s.strategy(),
                population, s.budgetDesigns(), s.budgetSeconds(), strategySeed), checkpoint, fp, listener);
        List<Finalist> finalists = new ArrayList<>();
        Optional<Design> best = run.bestPoint().map(space::decode);
        Optional<Scored> bestScore = run.best();
        NetworkCoster last = coster;
        if (s.finalTop() > 0 && best.isPresent()) {
            last = new NetworkCoster(network, inner.withMapper(s.finalMapper()).withBudget(s.finalBudget())
                    .withThreads(s.threads()));
            for (Map.Entry<Scored, double[]> e : top(run, s.finalTop())) {
                Design d = space.decode(e.getValue());
                progress.accept("re-mapping finalist " + (finalists.size() + 1) + " with " + s.finalMapper().name());
                finalists.add(new Finalist(d, e.getKey(), last.apply(d)));
            }
            finalists.sort(Comparator.comparingDouble((Finalist f) -> f.last().feasible() ? f.last().edp()
                    : Double.POSITIVE_INFINITY));
            if (finalists.get(0).last().feasible()) {
                best = Optional.of(finalists.get(0).design());
                bestScore = Optional.of(finalists.get(0).last());
            }
            NetworkCoster fin = last;
            Map<String, Baseline> relast = new LinkedHashMap<>();
            Map<String, Baseline> lastBaselines = baselines(technology, fin, progress);
            baselines.forEach((k, b) -> relast.put(k, new Baseline(k, b.description(), b.search(),
                    Optional.of(lastBaselines.get(k).search()))));
            baselines = relast;
        }
        NetworkCoster mapper = last;
        Optional<NetworkResult> mapped = best.map(d -> mapper.mapAll(d.architecture(), w -> Constraints.NONE));
        return new Result(space.name(), network, run, finalists, best, bestScore, mapped, baselines,
                Floor.of(network, computeLimit, technology.mac(16).macPj()), population);
    }

    /**
     * The root seed of every network mapping of an exploration with root seed {@code seed} (the candidates', the
     * baselines' and the final re-mapping's), split from it after the strategy's: {@code mapwright map --seed} with
     * it and the final mapper's settings maps the best design as the exploration did.
     */
    public static long mappingSeed(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        root.split();
        return root.split().nextLong();
    }

    /** The search's {@code k} best distinct feasible designs with their points, best first. */
    private static List<Map.Entry<Scored, double[]>> top(ArchSearch.Run run, int k) {
        Map<String, Map.Entry<Scored, double[]>> byKey = new LinkedHashMap<>();
        for (int g = 0; g < run.generations().size(); g++) {
            for (int i = 0; i < run.generations().get(g).size(); i++) {
                Scored sc = run.generations().get(g).get(i);
                if (sc.feasible()) {
                    byKey.putIfAbsent(sc.key(), Map.entry(sc, run.points().get(g).get(i)));
                }
            }
        }
        List<Map.Entry<Scored, double[]>> all = new ArrayList<>(byKey.values());
        all.sort(Comparator.comparingDouble(e -> e.getKey().edp()));
        return all.subList(0, Math.min(k, all.size()));
    }

    /** The built-in Eyeriss-like design as built, costed by a technology model (the baselines' design). */
    public static Architecture eyerissAsBuilt(Technology technology) {
        return technology.cost(Frontend.loadBuiltin("eyeriss_row_stationary.mw").accelerators().get(EYERISS));
    }

    /** The row-stationary constraints the Eyeriss-like design is built for. */
    public static Constraints rowStationary() {
        return Frontend.loadBuiltin("eyeriss_row_stationary.mw").constraints().get("row_stationary").constraints();
    }

    /** The Eyeriss-like design as built (row-stationary constraints) and unconstrained, costed by the technology. */
    static Map<String, Baseline> baselines(Technology technology, NetworkCoster coster,
                                           java.util.function.Consumer<String> progress) {
        Architecture eyeriss = eyerissAsBuilt(technology);
        Constraints rs = rowStationary();
        Usage u = Usage.of(eyeriss);
        Design d = new Design(EYERISS, eyeriss, 0, List.of(), u.areaMm2(), u.computeUnits(), Math.round(u.onChipBytes()));
        Map<String, Baseline> out = new LinkedHashMap<>();
        progress.accept("baseline " + EYERISS + " (row-stationary constraints)");
        out.put(EYERISS, new Baseline(EYERISS, "the Eyeriss-like design as built, with its row-stationary constraints, "
                + "costed by the " + technology.name() + " technology model", coster.score(d, eyeriss, "row_stationary", w -> rs),
                Optional.empty()));
        progress.accept("baseline " + EYERISS_UNCONSTRAINED);
        Function<Workload, Constraints> none = w -> Constraints.NONE;
        out.put(EYERISS_UNCONSTRAINED, new Baseline(EYERISS_UNCONSTRAINED, "the Eyeriss-like design mapped without "
                + "constraints, costed by the " + technology.name() + " technology model",
                coster.score(d, eyeriss, "none", none), Optional.empty()));
        return out;
    }

    private static String layersFingerprint(Network n) {
        StringBuilder sb = new StringBuilder();
        n.layers().forEach(l -> sb.append(l.workload().withName("")).append('x').append(l.repeat()).append(';'));
        return sb.toString();
    }
}
