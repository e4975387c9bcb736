/**
 * The accelerator IR: storage levels from DRAM inward with capacities, bandwidths and per-action energies, the
 * spatial fan-outs between them, and the compute units. Immutable records; instance counts derive from fan-outs.
 */
package org.mapwright.arch;
