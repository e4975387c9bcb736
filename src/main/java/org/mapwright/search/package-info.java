/**
 * Ask/tell search: the {@link org.mapwright.search.Mapper} protocol, mapper discovery through
 * {@link java.util.ServiceLoader}, objectives, budgets, and the shared {@link org.mapwright.search.SearchDriver}
 * that owns threads, seeds, the evaluation cache, the best-so-far trace and progress.
 */
package org.mapwright.search;
