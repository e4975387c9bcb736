/**
 * Ask/tell search: the {@link org.mapwright.search.Mapper} protocol, mapper discovery through
 * {@link java.util.ServiceLoader}, objectives, budgets, and the shared {@link org.mapwright.search.SearchDriver}
 * that owns threads, seeds, the evaluation caches, the best-so-far trace and progress. What a candidate costs comes
 * from a {@link org.mapwright.search.CostOracle}, also found through {@link java.util.ServiceLoader}
 * ({@link org.mapwright.search.CostOracles}): the analytical model by default, or an expensive one such as Timeloop,
 * for which the driver keeps an exact cache shared by its threads and counts the budget in true evaluations.
 */
package org.mapwright.search;
