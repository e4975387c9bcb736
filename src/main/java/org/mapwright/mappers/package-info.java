/**
 * The mappers: {@code random} (Timeloop's random-pruned baseline), {@code exhaustive}, {@code anneal},
 * {@code genetic} and {@code default}, each an ask/tell {@link org.mapwright.search.Mapper} registered through
 * {@link java.util.ServiceLoader}.
 */
package org.mapwright.mappers;
