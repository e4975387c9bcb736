package org.mapwright.mappers;

import org.mapwright.mapspace.Enumerator;
import org.mapwright.mapspace.MapPoint;
import org.mapwright.search.Mapper;
import org.mapwright.search.MapperProvider;
import org.mapwright.search.Outcome;
import org.mapwright.search.SearchContext;

/**
 * Visits every distinct mapping of the space once, skipping the loop orders of any factorization whose tiles or
 * unrolling the hardware rejects (those limits do not depend on loop order). When the driver reports the space
 * exhausted, the best mapping found is the optimum. With several threads, thread t takes every t-th combination.
 */
public final class ExhaustiveMapper implements Mapper {
    private Enumerator enumerator;
    private MapPoint candidate;
    private int thread;
    private int threads;
    private long counter;

    @Override
    public void init(SearchContext ctx) {
        enumerator = new Enumerator(ctx.space());
        candidate = ctx.space().newPoint();
        thread = ctx.thread();
        threads = ctx.threads();
    }

    @Override
    public MapPoint ask() {
        while (enumerator.next(candidate)) {
            if (!enumerator.lastWasProbe()) {
                return candidate;
            }
            // combinations are dealt to threads round-robin by their probes
            if (counter++ % threads == thread) {
                return candidate;
            }
            enumerator.skipOrders();
        }
        return null;
    }

    @Override
    public void tell(MapPoint p, Outcome o) {
        if (enumerator.lastWasProbe() && !o.valid()) {
            enumerator.skipOrders();
        }
    }

    /** Registers this mapper as {@code exhaustive}. */
    public static final class Provider implements MapperProvider {
        @Override
        public String name() {
            return "exhaustive";
        }

        @Override
        public String description() {
            return "Every distinct mapping once, pruning orders of invalid tilings; proves the optimum on small spaces.";
        }

        @Override
        public Mapper create() {
            return new ExhaustiveMapper();
        }
    }
}
