/**
 * The mapping IR: per storage level, what it keeps, its temporal loops and its spatial unrolling, plus the
 * structural checker shared by every front end.
 */
package org.mapwright.mapping;
