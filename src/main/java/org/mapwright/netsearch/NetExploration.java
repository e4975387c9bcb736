package org.mapwright.netsearch;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.mapwright.netcost.CostModel;
import org.mapwright.netcost.NetCost;
import org.mapwright.netcost.Target;
import org.mapwright.netmap.NetworkMapper;
import org.mapwright.netmap.NetworkResult;
import org.mapwright.netspace.AccuracyModel;
import org.mapwright.netspace.NetCandidate;
import org.mapwright.netspace.NetSpace;

/**
 * A network search on one accelerator as {@code mapwright search-net} runs it: the cost limit resolved (absolute, or
 * a fraction of the space's largest network's exact cost), the evolutionary search screened by one cost model and
 * re-checked by the exact one, and the best network mapped layer by layer by the final mapper.
 */
public final class NetExploration {

    /**
     * @param objective     the goal; for {@link Objective.Goal#MAX_ACCURACY} with a relative limit its limit is
     *                      replaced by {@code relativeLimit} x the largest network's exact cost
     * @param relativeLimit NaN for an absolute limit, else the fraction of the largest network's cost
     * @param search        the evolution's settings
     * @param finalMapper   maps the best network's layers for the reported mappings
     */
    public record Settings(Objective objective, double relativeLimit, NetSearch.Settings search,
                           NetworkMapper.Settings finalMapper) {
        public Settings {
            Objects.requireNonNull(objective, "objective");
            if (!Double.isNaN(relativeLimit) && !(relativeLimit > 0 && Double.isFinite(relativeLimit))) {
                throw new IllegalArgumentException("A relative limit must be a positive fraction, got " + relativeLimit + ".");
            }
        }
    }

    /** A network of the space with its accuracy and exact cost (the largest, for the relative limit and reports). */
    public record Reference(NetCandidate net, double accuracy, NetCost exact) {
    }

    /**
     * @param objective the objective with its limit resolved
     * @param largest   the space's first named network (its largest) with accuracy and exact cost
     * @param search    the search
     * @param mapped    the best network's final per-layer mappings, if a network kept the constraint
     * @param screen    the screening model's name
     */
    public record Result(Objective objective, Reference largest, NetSearch.Result search, Optional<NetworkResult> mapped,
                         String screen, double seconds) {
    }

    private NetExploration() {
    }

    public static Result run(NetSpace space, AccuracyModel accuracy, CostModel screen, CostModel exact, Target target,
                             Settings s, NetSearch.Listener listener, Consumer<String> progress) {
        long start = System.nanoTime();
        NetCandidate big = space.named().get(0);
        progress.accept("costing the space's largest network " + big.key() + " exactly");
        Reference largest = new Reference(big, accuracy.predict(List.of(big))[0],
                exact.cost(big.network(space.name().replace('-', '_') + "_largest"), target));
        Objective o = s.objective();
        if (!Double.isNaN(s.relativeLimit())) {
            if (!largest.exact().mappable()) {
                throw new IllegalArgumentException("The largest network cannot run on " + target.arch().name() + " ("
                        + largest.exact().problem() + "), so a limit relative to it has no meaning; give an absolute limit.");
            }
            o = new Objective(o.goal(), o.metric(), s.relativeLimit() * largest.exact().metric(o.metric()),
                    o.accuracyFloor(), o.penalty(), o.weight());
        }
        NetSearch.Result r = NetSearch.run(space, space.named(), accuracy, screen, exact, target, o, s.search(), listener);
        Optional<NetworkResult> mapped = Optional.empty();
        if (r.best().isPresent()) {
            progress.accept("mapping the best network's layers with " + s.finalMapper().mapper().name());
            mapped = Optional.of(new NetworkMapper(s.finalMapper()).map(r.best().get().screened().net().network("best"),
                    target.arch(), target.constraints()));
        }
        return new Result(o, largest, r, mapped, screen.name(), (System.nanoTime() - start) / 1e9);
    }
}
