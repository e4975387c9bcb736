package org.mapwright.timeloop;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code timeloop-model} (v3.0.3) reports for a valid mapping, read from its {@code timeloop-model.stats.txt}.
 *
 * <p>Energy is the sum of the "Energy (total)" lines: every storage level's per data space (with their temporal
 * reduction and address generation parts), the arithmetic level's, and every network's per data space. Each is
 * printed to 0.01 pJ, so the sum is exact to half a hundredth per line ({@code energyTolerancePj}); the summary's uJ
 * figure has too few digits on large layers, and is only checked against the sum to recognise the format.
 *
 * @param cycles             the summary's cycles
 * @param energyPj           total energy in pJ
 * @param energyTolerancePj  how far the true energy may be from {@code energyPj} through Timeloop's rounding
 * @param computes           MACs performed
 */
public record ModelReport(long cycles, double energyPj, double energyTolerancePj, long computes) {
    private static final Pattern ENERGY = Pattern.compile(
            "^ +(?:Temporal Reduction |Address Generation )?Energy \\(total\\)\\s*: (\\S+) pJ$");
    private static final Pattern CYCLES = Pattern.compile("^Cycles: (\\d+)$");
    private static final Pattern SUMMARY_ENERGY = Pattern.compile("^Energy: (\\S+) uJ$");
    private static final Pattern COMPUTES = Pattern.compile("^ +Computes \\(total\\)\\s*: (\\d+)$");

    /**
     * Reads the text of a stats file.
     *
     * @throws IllegalArgumentException when the text lacks the summary's cycles or energy, the computes or any
     *                                  component energy, or its energies do not add up to the summary's
     */
    public static ModelReport parse(String stats) {
        long cycles = -1;
        long computes = -1;
        double summaryUj = Double.NaN;
        double energy = 0;
        int lines = 0;
        for (String line : stats.split("\n")) {
            Matcher m = ENERGY.matcher(line);
            if (m.matches()) {
                energy += number(m.group(1), line);
                lines++;
                continue;
            }
            m = CYCLES.matcher(line);
            if (m.matches()) {
                cycles = Long.parseLong(m.group(1));
                continue;
            }
            m = SUMMARY_ENERGY.matcher(line);
            if (m.matches()) {
                summaryUj = number(m.group(1), line);
                continue;
            }
            m = COMPUTES.matcher(line);
            if (m.matches() && computes < 0) {
                computes = Long.parseLong(m.group(1));
            }
        }
        if (cycles < 0 || computes < 0 || Double.isNaN(summaryUj) || lines == 0) {
            throw new IllegalArgumentException("This is not a complete timeloop-model.stats.txt: it lacks the "
                    + "summary's cycles or energy, the computes, or the components' energies.");
        }
        if (Math.abs(energy / 1e6 - summaryUj) > 0.006 + 1e-6 * summaryUj) {
            throw new IllegalArgumentException("The components' energies in timeloop-model.stats.txt add up to "
                    + energy + " pJ but its summary says " + summaryUj + " uJ; this is not the stats format of "
                    + "Timeloop v3.0.3.");
        }
        return new ModelReport(cycles, energy, 0.005 * lines, computes);
    }

    private static double number(String text, String line) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("timeloop-model.stats.txt has a line '" + line.trim() + "' whose "
                    + "number cannot be read.", e);
        }
    }
}
