package org.mapwright.tech;

/**
 * Costs of one compute unit.
 *
 * @param macPj   pJ per multiply-accumulate
 * @param areaUm2 area in square micrometres
 */
public record ComputeCost(double macPj, double areaUm2) {
}
