package org.mapwright.mappers;

import java.util.SplittableRandom;
import org.mapwright.mapspace.MapPoint;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.mapspace.Sampler;
import org.mapwright.search.Mapper;
import org.mapwright.search.MapperProvider;
import org.mapwright.search.Outcome;
import org.mapwright.search.SearchContext;

/**
 * Timeloop's random-pruned search: draw a factorization uniformly, then visit it with up to 16 random loop
 * orders, keep choices and axes before drawing the next; a factorization whose unrolling the hardware rejects is
 * abandoned at once. No repair and no memory: the baseline the other mappers are measured against.
 */
public final class RandomMapper implements Mapper {
    static final int VISITS_PER_FACTORIZATION = 16;

    private Mapspace space;
    private Sampler sampler;
    private SplittableRandom rnd;
    private MapPoint factorization;
    private MapPoint candidate;
    private int visitsLeft;

    @Override
    public void init(SearchContext ctx) {
        space = ctx.space();
        sampler = new Sampler(space);
        rnd = ctx.random();
        factorization = space.newPoint();
        candidate = space.newPoint();
    }

    @Override
    public MapPoint ask() {
        if (visitsLeft == 0) {
            sampler.uniform(factorization, rnd);
            candidate.copyFrom(factorization);
            visitsLeft = VISITS_PER_FACTORIZATION - 1;
            return candidate;
        }
        candidate.copyFrom(factorization);
        for (int l = 0; l < space.levels(); l++) {
            sampler.order(candidate, l, rnd);
            sampler.keep(candidate, l, rnd);
            sampler.axes(candidate, l, rnd);
        }
        visitsLeft--;
        return candidate;
    }

    @Override
    public void tell(MapPoint p, Outcome o) {
        if (o.status() == Outcome.Status.FANOUT_X || o.status() == Outcome.Status.FANOUT_Y
                || o.status() == Outcome.Status.SPATIAL_DIM) {
            visitsLeft = 0;
        }
    }

    /** Registers this mapper as {@code random}. */
    public static final class Provider implements MapperProvider {
        @Override
        public String name() {
            return "random";
        }

        @Override
        public String description() {
            return "Timeloop-style random-pruned sampling: uniform factorizations, 16 orderings each (the baseline).";
        }

        @Override
        public Mapper create() {
            return new RandomMapper();
        }
    }
}
