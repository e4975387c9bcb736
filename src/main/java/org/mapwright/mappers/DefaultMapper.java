package org.mapwright.mappers;

import org.mapwright.mapspace.MapPoint;
import org.mapwright.search.Mapper;
import org.mapwright.search.MapperProvider;
import org.mapwright.search.Outcome;
import org.mapwright.search.SearchContext;

/**
 * The mapper to use when in doubt. A space of at most {@value #EXHAUSTIVE_LOG10} points (log10) is enumerated,
 * which proves the optimum; otherwise threads alternate between genetic search (even threads) and simulated
 * annealing (odd threads), a portfolio that did best on the reference comparison for the default budget (see
 * bench/README.md).
 */
public final class DefaultMapper implements Mapper {
    /** Spaces up to 10^4 points are searched exhaustively. */
    static final double EXHAUSTIVE_LOG10 = 4.0;

    private Mapper inner;

    @Override
    public void init(SearchContext ctx) {
        if (ctx.space().log10Size() <= EXHAUSTIVE_LOG10) {
            inner = new ExhaustiveMapper();
        } else {
            inner = ctx.thread() % 2 == 0 ? new GeneticMapper() : new AnnealMapper();
        }
        inner.init(ctx);
    }

    @Override
    public MapPoint ask() {
        return inner.ask();
    }

    @Override
    public void tell(MapPoint candidate, Outcome outcome) {
        inner.tell(candidate, outcome);
    }

    /** Registers {@code default}. */
    public static final class Provider implements MapperProvider {
        @Override
        public String name() {
            return "default";
        }

        @Override
        public String description() {
            return "Exhaustive on small spaces, otherwise genetic and annealing threads side by side.";
        }

        @Override
        public Mapper create() {
            return new DefaultMapper();
        }
    }
}
