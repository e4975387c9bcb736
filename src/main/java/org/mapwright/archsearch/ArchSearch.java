package org.mapwright.archsearch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outer search loop: asks the strategy for a generation, decodes it into designs, scores the designs not seen
 * before on the executor (in parallel), tells the strategy, checkpoints, and stops when the budget of candidates or
 * seconds is spent (at the end of a generation, so that whole generations are recorded). Scores are pure functions
 * of the design (every layer's mapping seed is fixed by the run's seed and the layer), so the result does not depend
 * on the executor, the number of threads or an interruption.
 */
public final class ArchSearch {

    /**
     * The outer search's settings.
     *
     * @param strategy      the strategy's provider
     * @param population    candidates per generation
     * @param budgetDesigns stop once this many candidates have been scored (whole generations; 0: no limit)
     * @param budgetSeconds stop once this many seconds have passed (0: no limit)
     * @param seed          the strategy's seed
     */
    public record Settings(StrategyProvider strategy, int population, long budgetDesigns, double budgetSeconds,
                           long seed) {
        public Settings {
            Objects.requireNonNull(strategy, "strategy");
            if (population < 2) {
                throw new IllegalArgumentException("A generation needs at least two candidates, got " + population + ".");
            }
            if (budgetDesigns < 0 || !(budgetSeconds >= 0)) {
                throw new IllegalArgumentException("Budgets are 0 (none) or positive.");
            }
            if (budgetDesigns == 0 && budgetSeconds == 0) {
                throw new IllegalArgumentException("Give a budget of candidates or of seconds.");
            }
        }
    }

    /** Hears about each generation, for progress reports. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /**
         * A generation has been scored.
         *
         * @param generation from 0
         * @param scored     its candidates' scores, in the order asked
         * @param best       the best feasible candidate so far, if any
         * @param evaluated  candidates scored so far (repeats included)
         * @param seconds    seconds since the search started
         * @param replayed   whether the generation came from the checkpoint
         */
        default void generation(int generation, List<Scored> scored, Optional<Scored> best, long evaluated,
                                double seconds, boolean replayed) {
        }
    }

    /**
     * A finished search.
     *
     * @param generations every generation's scores, in the order asked
     * @param points      every generation's points, as asked
     * @param best        the best feasible candidate (lowest EDP; the first found among equals), if any
     * @param bestPoint   its point
     * @param distinct    distinct designs scored
     * @param seconds     wall-clock seconds of this run (a resumed run counts only its own time)
     * @param resumed     generations replayed from the checkpoint
     */
    public record Run(List<List<Scored>> generations, List<List<double[]>> points, Optional<Scored> best,
                      Optional<double[]> bestPoint, int distinct, double seconds, int resumed) {

        /** Candidates scored, repeats included. */
        public long evaluated() {
            return generations.stream().mapToLong(List::size).sum();
        }

        /** The best feasible EDP after each generation (NaN before the first feasible design). */
        public double[] bestPerGeneration() {
            double[] out = new double[generations.size()];
            double best = Double.NaN;
            for (int g = 0; g < out.length; g++) {
                for (Scored s : generations.get(g)) {
                    if (s.feasible() && !(s.edp() >= best)) {
                        best = s.edp();
                    }
                }
                out[g] = best;
            }
            return out;
        }

        /** Every candidate, generation after generation. */
        public List<Scored> all() {
            return generations.stream().flatMap(List::stream).toList();
        }
    }

    private ArchSearch() {
    }

    /**
     * Runs a search.
     *
     * @param space       the designs
     * @param coster      scores a design within its limits (maps the network onto it); must be thread-safe
     * @param s           settings
     * @param executor    where a generation's designs are scored
     * @param checkpoint  the checkpoint file to resume from and write after every generation, if any
     * @param fingerprint everything that decides the result, to refuse a checkpoint of another search
     */
    public static Run run(DesignSpace space, Function<Design, Scored> coster, Settings s, PopulationExecutor executor,
                          Optional<Path> checkpoint, String fingerprint, Listener listener) {
        return run(space, PopulationScorer.local(coster, executor), s, checkpoint, fingerprint, listener);
    }

    /**
     * Runs a search whose generations {@code scorer} scores (on local threads, or as tasks of an engine).
     *
     * @param space       the designs
     * @param scorer      scores a generation's new designs
     * @param s           settings
     * @param checkpoint  the checkpoint file to resume from and write after every generation, if any
     * @param fingerprint everything that decides the result, to refuse a checkpoint of another search
     */
    public static Run run(DesignSpace space, PopulationScorer scorer, Settings s, Optional<Path> checkpoint,
                          String fingerprint, Listener listener) {
        long start = System.nanoTime();
        Strategy strategy = s.strategy().create(space.dimensions(), s.population(), s.seed());
        List<List<Scored>> recorded = checkpoint.flatMap(f -> Checkpoint.read(f, fingerprint)).orElse(List.of());
        Map<String, Scored> seen = new LinkedHashMap<>();
        List<List<Scored>> generations = new ArrayList<>();
        List<List<double[]>> points = new ArrayList<>();
        Scored best = null;
        double[] bestPoint = null;
        long evaluated = 0;
        int g = 0;
        while (true) {
            boolean replay = g < recorded.size();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!replay && (s.budgetDesigns() > 0 && evaluated >= s.budgetDesigns()
                    || s.budgetSeconds() > 0 && seconds >= s.budgetSeconds())) {
                break;
            }
            List<double[]> asked = strategy.ask();
            List<Design> designs = asked.stream().map(space::decode).toList();
            List<Scored> scored;
            if (replay) {
                scored = recorded.get(g);
                checkReplay(checkpoint.orElseThrow(), g, designs, scored);
            } else {
                scored = score(designs, asked, seen, scorer);
            }
            for (Scored sc : scored) {
                seen.putIfAbsent(sc.key(), sc);
            }
            double[] fitness = scored.stream().mapToDouble(Scored::fitness).toArray();
            strategy.tell(asked, fitness);
            for (int k = 0; k < scored.size(); k++) {
                Scored sc = scored.get(k);
                if (sc.feasible() && (best == null || sc.edp() < best.edp())) {
                    best = sc;
                    bestPoint = asked.get(k).clone();
                }
            }
            generations.add(scored);
            points.add(asked);
            evaluated += scored.size();
            if (!replay && checkpoint.isPresent()) {
                Checkpoint.write(checkpoint.get(), fingerprint, generations);
            }
            listener.generation(g, scored, Optional.ofNullable(best), evaluated, (System.nanoTime() - start) / 1e9, replay);
            g++;
        }
        return new Run(generations, points, Optional.ofNullable(best), Optional.ofNullable(bestPoint), seen.size(),
                (System.nanoTime() - start) / 1e9, recorded.size());
    }

    /** Scores a generation: designs seen before (in this run or earlier in the generation) are not scored again. */
    private static List<Scored> score(List<Design> designs, List<double[]> asked, Map<String, Scored> seen,
                                      PopulationScorer scorer) {
        Map<String, Integer> fresh = new LinkedHashMap<>();
        for (int i = 0; i < designs.size(); i++) {
            if (!seen.containsKey(designs.get(i).key())) {
                fresh.putIfAbsent(designs.get(i).key(), i);
            }
        }
        List<Design> todo = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        for (int i : fresh.values()) {
            todo.add(designs.get(i));
            points.add(asked.get(i));
        }
        List<Scored> done = todo.isEmpty() ? List.of() : scorer.score(todo, points);
        Map<String, Scored> byKey = new LinkedHashMap<>();
        for (int i = 0; i < todo.size(); i++) {
            byKey.put(todo.get(i).key(), done.get(i));
        }
        List<Scored> out = new ArrayList<>(designs.size());
        for (Design d : designs) {
            Scored sc = seen.get(d.key());
            out.add(sc != null ? sc : byKey.get(d.key()));
        }
        return out;
    }

    /** The score of a design that breaks a resource limit: not mapped. */
    static Scored outOfLimits(Design d) {
        return new Scored(d.key(), d.violation(), d.violated(), Double.NaN, 0, Double.NaN, d.areaMm2(),
                d.computeUnits(), d.onChipBytes());
    }

    private static void checkReplay(Path file, int g, List<Design> designs, List<Scored> scored) {
        boolean same = designs.size() == scored.size();
        for (int k = 0; same && k < designs.size(); k++) {
            same = designs.get(k).key().equals(scored.get(k).key());
        }
        if (!same) {
            throw new org.mapwright.diag.InputException(org.mapwright.diag.SourceSpan.file(file.toString()),
                    "Generation " + (g + 1) + " of this checkpoint is not what this search asks for (was the space "
                    + "file or the program changed?); delete the checkpoint to start afresh, or give another --out.");
        }
    }
}
