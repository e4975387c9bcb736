package org.mapwright.timeloop;

import java.nio.file.Path;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.mapspace.MapPoint;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.search.CostOracle;
import org.mapwright.search.CostOracleProvider;
import org.mapwright.search.OracleOptions;
import org.mapwright.search.Outcome;
import org.mapwright.search.PointEvaluator;

/**
 * Timeloop v3.0.3 as a cost oracle: every mapping that passes the cheap checks is run through the user's
 * {@code timeloop-model} ({@link TimeloopModel}), and the oracle reports Timeloop's energy and cycles, as Timeloop
 * computes them in its default mode (so it extrapolates some temporal loops; see
 * {@link AnalyticalModel#timeloopDefaultMode}).
 *
 * <p>The cheap checks are the analytical model's legality checks, which run first and answer without Timeloop. They
 * cover what the design forbids but a Timeloop architecture cannot carry to timeloop-model: keeping a tensor a level
 * may not hold, unrolling a dimension a fan-out does not allow, more instances than a single level's fan-out on an
 * axis (timeloop-model checks only the whole mesh), and compute utilization below the mapspace's minimum. They also
 * reject tiles over capacity, as Timeloop's own mapper does before it evaluates a mapping, since a Timeloop call
 * costs tens of milliseconds: the capacity rule is Timeloop's (the reference and searched-mapping tests hold the
 * model to it). Where Timeloop still rejects a mapping, its reason becomes the outcome.
 *
 * <p>One oracle per search thread, each with its own Timeloop inputs; expensive, so the search driver shares one
 * exact cache between the threads and checks its budgets before every call.
 */
public final class TimeloopOracle implements CostOracle {
    /** The oracle's name. */
    public static final String NAME = "timeloop";

    private final Mapspace space;
    private final PointEvaluator checks;
    private final TimeloopModel timeloop;

    private TimeloopOracle(Mapspace space, TimeloopModel timeloop) {
        this.space = space;
        this.checks = new PointEvaluator(space, new AnalyticalModel(space.workload(), space.architecture()), 0);
        this.timeloop = timeloop;
    }

    @Override
    public Outcome evaluate(MapPoint p) {
        Outcome checked = checks.evaluate(p);
        if (!checked.valid()) {
            return checked;
        }
        return timeloop.evaluate(space.toMapping(p));
    }

    @Override
    public boolean expensive() {
        return true;
    }

    @Override
    public void close() {
        timeloop.close();
    }

    /** Finds the Timeloop oracle through {@link java.util.ServiceLoader}. */
    public static final class Provider implements CostOracleProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "Timeloop v3.0.3's timeloop-model, run on every new mapping (give its path with --timeloop)";
        }

        @Override
        public CostOracle open(Mapspace space, OracleOptions options) {
            Path given = options.timeloop().orElseThrow(() -> new IllegalArgumentException("The timeloop oracle needs "
                    + "the path of timeloop-model; on the command line give --timeloop PATH or set MAPWRIGHT_TIMELOOP."));
            Path exe = TimeloopModel.executable(given);
            return new TimeloopOracle(space, new TimeloopModel(exe, space.workload(), space.architecture(),
                    options.callTimeoutSeconds()));
        }
    }
}
