package org.mapwright.tech;

/**
 * Costs of one storage level instance.
 *
 * @param readPj  pJ per vector read (one block of words)
 * @param writePj pJ per vector write
 * @param areaUm2 area in square micrometres (0 for off-chip memory)
 */
public record StorageCost(double readPj, double writePj, double areaUm2) {
}
