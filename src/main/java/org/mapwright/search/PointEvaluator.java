package org.mapwright.search;

import java.util.Arrays;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.cost.LoopNest;
import org.mapwright.cost.Violation;
import org.mapwright.cost.Workspace;
import org.mapwright.mapspace.MapPoint;
import org.mapwright.mapspace.Mapspace;

/**
 * Evaluates mapspace points with the analytical model's allocation-free path, behind a cache of recent outcomes
 * keyed by mapping identity ({@link OutcomeCache}). One per thread.
 */
public final class PointEvaluator {
    private final Mapspace space;
    private final AnalyticalModel model;
    private final Workspace ws;
    private final LoopNest nest;
    private final int nd;
    private final int nl;
    private final long minUnits;
    private final OutcomeCache cache;
    private long hits;

    public PointEvaluator(Mapspace space, AnalyticalModel model, int cacheSize) {
        this.space = space;
        this.model = model;
        this.ws = model.newWorkspace();
        this.nd = space.dims();
        this.nl = space.levels();
        this.nest = new LoopNest(nl, nd, Math.max(1, nl * nd));
        this.minUnits = (long) Math.ceil(space.minUtilization() * space.architecture().computeInstances() - 1e-9);
        this.cache = cacheSize <= 0 ? null : new OutcomeCache(cacheSize, nd, nl);
    }

    public long cacheHits() {
        return hits;
    }

    public Outcome evaluate(MapPoint p) {
        if (cache != null) {
            Outcome o = cache.get(p);
            if (o != null) {
                hits++;
                return o;
            }
        }
        Outcome o = evaluateUncached(p);
        if (cache != null) {
            cache.put(o);
        }
        return o;
    }

    private Outcome evaluateUncached(MapPoint p) {
        write(p, nest);
        if (!model.evaluateWellFormed(nest, ws)) {
            return new Outcome(status(ws.violationKind(0)), ws.violationLevel(0), 0, 0, false);
        }
        if (ws.utilizedComputeUnits() < minUnits) {
            return new Outcome(Outcome.Status.UTILIZATION, -1, 0, 0, false);
        }
        return new Outcome(Outcome.Status.VALID, -1, ws.energy, ws.cycles, false);
    }

    private static Outcome.Status status(Violation.Kind k) {
        return switch (k) {
            case CAPACITY -> Outcome.Status.CAPACITY;
            case FANOUT_X -> Outcome.Status.FANOUT_X;
            case FANOUT_Y -> Outcome.Status.FANOUT_Y;
            case SPATIAL_DIM -> Outcome.Status.SPATIAL_DIM;
            case KEEP -> Outcome.Status.KEEP;
        };
    }

    /** Writes a point as an encoded loop nest (temporal loops of factor 1 left out). */
    void write(MapPoint p, LoopNest n) {
        int ns = 2 * nl;
        int k = 0;
        Arrays.fill(n.spatialX, 1);
        Arrays.fill(n.spatialY, 1);
        for (int l = 0; l < nl; l++) {
            n.levelStart[l] = k;
            for (int j = 0; j < nd; j++) {
                int d = p.order[l * nd + j];
                long f = p.factor[d * ns + 2 * l];
                if (f > 1) {
                    n.loopDim[k] = d;
                    n.loopFactor[k] = f;
                    k++;
                }
            }
            for (int d = 0; d < nd; d++) {
                long f = p.factor[d * ns + 2 * l + 1];
                if (f > 1) {
                    if (p.axis[l * nd + d] == 0) {
                        n.spatialX[l * nd + d] = f;
                    } else {
                        n.spatialY[l * nd + d] = f;
                    }
                }
            }
            n.keep[l] = p.keep[l];
        }
        n.levelStart[nl] = k;
    }

    public Mapspace space() {
        return space;
    }
}
