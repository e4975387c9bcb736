package org.mapwright.search;

import java.util.SplittableRandom;
import org.mapwright.mapspace.Mapspace;

/**
 * What a mapper gets to work with on one thread.
 *
 * @param space       the mapspace to search
 * @param objective   what to minimise
 * @param random      this thread's random stream (split from the run's root seed)
 * @param evaluations this thread's evaluation budget, or 0 when the budget is not a count
 * @param thread      this thread's index, from 0
 * @param threads     how many threads search
 */
public record SearchContext(Mapspace space, Objective objective, SplittableRandom random, long evaluations, int thread,
                            int threads) {
}
