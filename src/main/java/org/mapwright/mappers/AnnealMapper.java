package org.mapwright.mappers;

import java.util.SplittableRandom;
import org.mapwright.mapspace.MapPoint;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.mapspace.Moves;
import org.mapwright.mapspace.Sampler;
import org.mapwright.search.Mapper;
import org.mapwright.search.MapperProvider;
import org.mapwright.search.Objective;
import org.mapwright.search.Outcome;
import org.mapwright.search.SearchContext;

/**
 * Simulated annealing on the log of the objective. It starts from the best of a few repaired random samples, then
 * proposes one or two neighbourhood moves at a time; an invalid proposal is repaired a few times before it is
 * dropped. The temperature starts at the spread of the samples' log costs and cools geometrically over the thread's
 * evaluation budget (or by a fixed rate when the budget is time or a victory condition); long stagnation restarts
 * from the best point at a lower temperature.
 */
public class AnnealMapper implements Mapper {
    static final int INITIAL_VALID = 16;
    static final int REPAIRS = 8;
    static final long RESTART_AFTER = 3000;

    private Mapspace space;
    private Sampler sampler;
    private Moves moves;
    private Objective objective;
    private SplittableRandom rnd;
    private long budget;
    private MapPoint current;
    private MapPoint candidate;
    private MapPoint best;
    private Outcome currentOutcome;
    private Outcome bestOutcome;
    private boolean annealing;
    private boolean repairing;
    private int repairsLeft;
    private int validSamples;
    private double sumLog;
    private double sumLog2;
    private double t0;
    private double temperature;
    private long steps;
    private long sinceImprovement;

    @Override
    public void init(SearchContext ctx) {
        space = ctx.space();
        sampler = new Sampler(space);
        moves = new Moves(space);
        objective = ctx.objective();
        rnd = ctx.random();
        budget = ctx.evaluations();
        current = space.newPoint();
        candidate = space.newPoint();
        best = space.newPoint();
    }

    @Override
    public MapPoint ask() {
        if (repairing) {
            return candidate;
        }
        repairsLeft = REPAIRS;
        if (!annealing) {
            sampler.uniform(candidate, rnd);
            return candidate;
        }
        candidate.copyFrom(current);
        moves.mutate(candidate, rnd);
        if (rnd.nextInt(3) == 0) {
            moves.mutate(candidate, rnd);
        }
        return candidate;
    }

    @Override
    public void tell(MapPoint p, Outcome o) {
        steps++;
        repairing = false;
        if (!o.valid()) {
            repairing = repairsLeft-- > 0 && Repairs.repair(moves, candidate, o, rnd);
            if (!annealing && steps > 20_000 && currentOutcome != null) {
                startAnnealing();
            }
            return;
        }
        if (bestOutcome == null || objective.compare(o, bestOutcome) < 0) {
            best.copyFrom(candidate);
            bestOutcome = o;
            sinceImprovement = 0;
        } else {
            sinceImprovement++;
        }
        if (!annealing) {
            double lg = Math.log(objective.score(o));
            sumLog += lg;
            sumLog2 += lg * lg;
            if (currentOutcome == null || objective.compare(o, currentOutcome) < 0) {
                current.copyFrom(candidate);
                currentOutcome = o;
            }
            if (++validSamples >= INITIAL_VALID) {
                startAnnealing();
            }
            return;
        }
        double delta = Math.log(objective.score(o)) - Math.log(objective.score(currentOutcome));
        if (objective.compare(o, currentOutcome) <= 0 || rnd.nextDouble() < Math.exp(-delta / temperature)) {
            current.copyFrom(candidate);
            currentOutcome = o;
        }
        cool();
        if (sinceImprovement > RESTART_AFTER) {
            current.copyFrom(best);
            currentOutcome = bestOutcome;
            temperature = Math.max(temperature, t0 * 0.05);
            sinceImprovement = 0;
        }
    }

    /**
     * Skips the initial sampling and anneals from a given valid point at a given starting temperature (in log
     * objective units), for mappers that hand a search over to annealing. Call after {@link #init}.
     */
    void startFrom(MapPoint p, Outcome o, double temperature0) {
        current.copyFrom(p);
        currentOutcome = o;
        best.copyFrom(p);
        bestOutcome = o;
        annealing = true;
        t0 = temperature0;
        temperature = temperature0;
    }

    private void startAnnealing() {
        annealing = true;
        double n = Math.max(1, validSamples);
        double var = sumLog2 / n - (sumLog / n) * (sumLog / n);
        t0 = Math.max(0.05, Math.sqrt(Math.max(0, var)));
        temperature = t0;
    }

    private void cool() {
        if (budget > 0) {
            double progress = Math.min(1, (double) steps / budget);
            temperature = t0 * Math.pow(1e-3, progress);
        } else {
            temperature = Math.max(t0 * 1e-3, temperature * 0.9995);
        }
    }

    /** Registers this mapper as {@code anneal}. */
    public static final class Provider implements MapperProvider {
        @Override
        public String name() {
            return "anneal";
        }

        @Override
        public String description() {
            return "Simulated annealing with factor, order, keep and axis moves, and repair of invalid proposals.";
        }

        @Override
        public Mapper create() {
            return new AnnealMapper();
        }
    }
}
