package org.mapwright.testing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code timeloop-model} reports in {@code timeloop-model.stats.txt}, read back: total cycles, total energy, and
 * per storage level the data spaces it keeps with their scalar reads, fills and updates over all utilized instances
 * (per-instance count times utilized instances, as Timeloop's {@code _total} statistics and the reference runs count).
 *
 * <p>The summary prints energy in uJ with two decimals, too coarse for a 1e-6 comparison, so the energy is the sum
 * of the per-component {@code Energy (total)} lines in pJ (the arithmetic level, every kept data space of every
 * storage level, every network data space), each printed to 0.01 pJ; the sum is checked against the summary.
 *
 * @param cycles       the summary's cycles
 * @param energyPj     total energy in pJ
 * @param energyPrintPj how far {@code energyPj} may be from Timeloop's unrounded total: half of 0.01 pJ per line summed
 * @param computes     the arithmetic level's computes
 * @param levels       storage level name to kept data space name to its counts
 */
public record TimeloopStats(long cycles, double energyPj, double energyPrintPj, long computes,
                            Map<String, Map<String, Counts>> levels) {

    /** One data space's totals at one storage level. */
    public record Counts(long reads, long fills, long updates) {
    }

    private static final Pattern LEVEL = Pattern.compile("^=== (.+) ===$");
    private static final Pattern SPACE = Pattern.compile("^    (\\S+):$");
    private static final Pattern FIELD = Pattern.compile("^ +([^:]+?) *: (\\S+)");

    public TimeloopStats {
        Map<String, Map<String, Counts>> copy = new LinkedHashMap<>();
        levels.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        levels = Collections.unmodifiableMap(copy);
    }

    /**
     * Parses the text of {@code timeloop-model.stats.txt}.
     *
     * @throws IllegalArgumentException if the text lacks a part this reader needs, or its energies do not add up to
     *                                  the summary's
     */
    public static TimeloopStats parse(String text) {
        List<String> lines = text.lines().toList();
        Map<String, Map<String, Counts>> levels = new LinkedHashMap<>();
        String level = null;
        String space = null;
        boolean inStats = false;
        boolean networks = false;
        long computes = -1;
        long cycles = -1;
        double summaryUj = Double.NaN;
        double energy = 0;
        int energyLines = 0;
        Map<String, Map<String, Map<String, String>>> fields = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.equals("Networks")) {
                networks = true;
                level = null;
                continue;
            }
            if (line.startsWith("Operational Intensity Stats")) {
                level = null;
                networks = false;
                continue;
            }
            if (line.startsWith("Cycles: ")) {
                cycles = Long.parseLong(line.substring("Cycles: ".length()).trim());
                continue;
            }
            if (line.startsWith("Energy: ") && line.endsWith(" uJ")) {
                summaryUj = Double.parseDouble(line.substring("Energy: ".length(), line.length() - 3).trim());
                continue;
            }
            Matcher lm = LEVEL.matcher(line);
            if (lm.matches() && !networks) {
                level = lm.group(1);
                space = null;
                inStats = false;
                continue;
            }
            if (line.startsWith("Network ") || (networks && !line.startsWith(" ") && line.contains(" <==> "))) {
                space = null;
                inStats = false;
                continue;
            }
            if (line.trim().equals("STATS")) {
                inStats = true;
                continue;
            }
            if (line.trim().equals("SPECS")) {
                inStats = false;
                continue;
            }
            if (!inStats) {
                continue;
            }
            Matcher sm = SPACE.matcher(line);
            if (sm.matches()) {
                space = sm.group(1);
                continue;
            }
            Matcher fm = FIELD.matcher(line);
            if (!fm.find()) {
                continue;
            }
            String key = fm.group(1);
            String value = fm.group(2);
            if (networks) {
                if (space != null && key.equals("Energy (total)")) {
                    energy += Double.parseDouble(value);
                    energyLines++;
                }
                continue;
            }
            if (level == null) {
                continue;
            }
            if (space == null) {
                if (key.equals("Computes (total)")) {
                    computes = Long.parseLong(value);
                } else if (key.equals("Energy (total)")) {
                    energy += Double.parseDouble(value);
                    energyLines++;
                }
                continue;
            }
            if (key.equals("Energy (total)")) {
                energy += Double.parseDouble(value);
                energyLines++;
            }
            fields.computeIfAbsent(level, k -> new LinkedHashMap<>()).computeIfAbsent(space, k -> new LinkedHashMap<>())
                    .put(key, value);
        }
        fields.forEach((l, spaces) -> spaces.forEach((ds, f) -> {
            long instances = number(f, "Utilized instances (max)", l, ds);
            levels.computeIfAbsent(l, k -> new LinkedHashMap<>()).put(ds, new Counts(
                    number(f, "Scalar reads (per-instance)", l, ds) * instances,
                    number(f, "Scalar fills (per-instance)", l, ds) * instances,
                    number(f, "Scalar updates (per-instance)", l, ds) * instances));
        }));
        if (cycles < 0 || computes < 0 || Double.isNaN(summaryUj) || levels.isEmpty()) {
            throw new IllegalArgumentException("This is not a complete timeloop-model.stats.txt: it lacks the summary's "
                    + "cycles or energy, the computes, or every storage level's counts.");
        }
        if (Math.abs(energy / 1e6 - summaryUj) > 0.006 + 1e-6 * summaryUj) {
            throw new IllegalArgumentException("The components' energies add up to " + energy + " pJ but the summary "
                    + "says " + summaryUj + " uJ; the stats format is not the one this reader knows.");
        }
        return new TimeloopStats(cycles, energy, 0.005 * energyLines, computes, levels);
    }

    private static long number(Map<String, String> f, String key, String level, String space) {
        String v = f.get(key);
        if (v == null) {
            throw new IllegalArgumentException("Data space " + space + " of level " + level + " has no '" + key
                    + "' line; the stats format is not the one this reader knows.");
        }
        return Long.parseLong(v);
    }
}
