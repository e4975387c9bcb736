package org.mapwright.cosearch;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.mapwright.archsearch.Design;
import org.mapwright.archsearch.Scored;
import org.mapwright.netcost.CostModel;
import org.mapwright.netcost.ExactCost;
import org.mapwright.netcost.Target;
import org.mapwright.netsearch.NetSearch;
import org.mapwright.netsearch.Objective;
import org.mapwright.netspace.AccuracyModel;
import org.mapwright.netspace.NetSpace;

/**
 * Scores an accelerator design by the best network for it: a {@link NetSearch} on the design (cheapest network above
 * the accuracy floor, screened by the predictor, the best few confirmed exactly); the design's score is that
 * network's exact cost. The search's seed is split from the root by the design's key, so a design scores the same
 * whenever and wherever it is scored. Keeps each design's answer for the report. Thread-safe.
 */
public final class DesignNetworks implements Function<Design, Scored> {
    private final NetSpace space;
    private final AccuracyModel accuracy;
    private final CostModel screen;
    private final CostModel exact;
    private final Objective objective;
    private final NetSearch.Settings inner;
    private final Map<String, NetSearch.Result> answers = new ConcurrentHashMap<>();

    public DesignNetworks(NetSpace space, AccuracyModel accuracy, CostModel screen, CostModel exact, Objective objective,
                          NetSearch.Settings inner) {
        this.space = Objects.requireNonNull(space, "space");
        this.accuracy = Objects.requireNonNull(accuracy, "accuracy");
        this.screen = Objects.requireNonNull(screen, "screen");
        this.exact = Objects.requireNonNull(exact, "exact");
        this.objective = Objects.requireNonNull(objective, "objective");
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public Scored apply(Design d) {
        NetSearch.Result r = search(d);
        if (r.best().isEmpty()) {
            return new Scored(d.key(), 0, List.of("No network of " + space.name() + " reaches the accuracy floor "
                    + objective.accuracyFloor() + " with a mappable exact cost on this design."), Double.NaN, 0,
                    Double.NaN, d.areaMm2(), d.computeUnits(), d.onChipBytes());
        }
        var e = r.best().get().exact();
        return new Scored(d.key(), 0, List.of(), e.energyPj(), Math.round(e.cycles()), e.edp(), d.areaMm2(),
                d.computeUnits(), d.onChipBytes());
    }

    /** The network search on a design (run once per design key). */
    public NetSearch.Result search(Design d) {
        return answers.computeIfAbsent(d.key(), k -> NetSearch.run(space, space.named(), accuracy, screen, exact,
                Target.of(d.architecture()), objective, seeded(k), NetSearch.Listener.NONE));
    }

    private NetSearch.Settings seeded(String key) {
        long seed = ExactCost.textSeed(inner.seed(), key);
        return new NetSearch.Settings(inner.population(), inner.budgetNets(), inner.parents(), inner.mutationRate(),
                inner.crossover(), inner.recheckTop(), seed);
    }
}
