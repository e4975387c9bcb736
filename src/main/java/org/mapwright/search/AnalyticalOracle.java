package org.mapwright.search;

import org.mapwright.cost.AnalyticalModel;
import org.mapwright.mapspace.MapPoint;
import org.mapwright.mapspace.Mapspace;

/**
 * The analytical model as a cost oracle, the default: the allocation-free {@link PointEvaluator} path behind its
 * per-thread {@link OutcomeCache}. Cheap (about two microseconds a mapping), so the driver adds no cache of its own.
 */
public final class AnalyticalOracle implements CostOracle {
    /** The oracle's name. */
    public static final String NAME = "analytical";

    static final CostOracleProvider PROVIDER = new Provider();

    private final PointEvaluator evaluator;

    private AnalyticalOracle(PointEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public Outcome evaluate(MapPoint p) {
        return evaluator.evaluate(p);
    }

    @Override
    public boolean expensive() {
        return false;
    }

    @Override
    public long cacheHits() {
        return evaluator.cacheHits();
    }

    /** Finds the analytical oracle through {@link java.util.ServiceLoader}. */
    public static final class Provider implements CostOracleProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "Mapwright's analytical model (Timeloop v3 counting rules), about 2 us a mapping";
        }

        @Override
        public CostOracle open(Mapspace space, OracleOptions options) {
            AnalyticalModel model = new AnalyticalModel(space.workload(), space.architecture());
            return new AnalyticalOracle(new PointEvaluator(space, model, options.cacheEntries()));
        }
    }
}
