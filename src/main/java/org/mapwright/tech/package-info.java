/**
 * Technology models: energy per access and area of memories, compute units and on-chip networks as functions of
 * their size, so that a design's costs follow from its parameters and an architecture search cannot grow a buffer
 * for free. The figures are estimates for exploration, anchored on published 45 nm tables; they are not a substitute
 * for a characterised library.
 */
package org.mapwright.tech;
