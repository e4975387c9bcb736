/**
 * The analytical cost model: tile footprints, reuse, accesses per level and tensor, multicast and spatial
 * reduction, capacity and fan-out checks, energy, cycles and EDP, following Timeloop v3's counting rules.
 * {@link org.mapwright.cost.AnalyticalModel#evaluate(org.mapwright.cost.LoopNest, org.mapwright.cost.Workspace)}
 * is the allocation-free hot path.
 */
package org.mapwright.cost;
