package org.mapwright.archsearch;

import java.util.List;
import java.util.function.Function;

/**
 * Runs one generation's evaluations. The search hands over the whole population at once and needs the results back
 * in the same order, so the evaluations may run on local threads ({@link LocalExecutor}) or on a cluster engine:
 * every task is a pure function of its item (seeds are fixed before the population is handed over).
 */
public interface PopulationExecutor {

    /** {@code f} applied to every item; the result list has the items' order. */
    <T, R> List<R> map(List<T> items, Function<T, R> f);
}
