package org.mapwright.cli;

import java.util.Locale;
import java.util.Map;
import org.mapwright.arch.Architecture;
import org.mapwright.cost.Evaluation;
import org.mapwright.cost.LevelStats;
import org.mapwright.cost.TensorStats;
import org.mapwright.cost.Violation;
import org.mapwright.tech.AreaBreakdown;
import org.mapwright.workload.Workload;

/** The human-readable evaluation report: a summary, one row per level and tensor, network energy and area. */
final class EvaluationReport {
    private EvaluationReport() {
    }

    static String of(String mappingName, Workload w, Architecture a, Evaluation e) {
        StringBuilder sb = new StringBuilder();
        sb.append("Mapping ").append(mappingName).append(": ").append(w).append(" on ").append(a.name()).append('\n');
        if (!e.valid()) {
            sb.append("INVALID: the hardware cannot run this mapping.\n");
            for (Violation v : e.violations()) {
                sb.append("  ").append(v.kind().name().toLowerCase(Locale.ROOT)).append(": ").append(v.message()).append('\n');
            }
            return sb.toString();
        }
        sb.append(String.format(Locale.ROOT, "cycles %,d   energy %s   EDP %.4g J*cycles   utilization %.1f%%   MACs %,d   %.3f pJ/MAC%n",
                e.cycles(), energy(e.energyPj()), e.edp(), 100 * e.utilization(), e.macs(), e.energyPerMacPj()));
        sb.append('\n');
        String header = String.format(Locale.ROOT, "%-22s %6s %-10s %10s %16s %16s %16s %14s%n",
                "level", "inst", "tensor", "tile", "reads", "fills", "updates", "energy");
        sb.append(header);
        sb.append("-".repeat(header.length() - 1)).append('\n');
        for (LevelStats l : e.levels()) {
            boolean first = true;
            String slow = l.slowdown() < 1 ? String.format(Locale.ROOT, "  (bandwidth-bound: %,d cycles)", l.cycles()) : "";
            if (l.tensors().isEmpty()) {
                sb.append(String.format(Locale.ROOT, "%-22s %6d %-10s%n", l.name(), l.instances(), "(bypassed)"));
                continue;
            }
            for (Map.Entry<String, TensorStats> t : l.tensors().entrySet()) {
                TensorStats s = t.getValue();
                sb.append(String.format(Locale.ROOT, "%-22s %6s %-10s %,10d %,16d %,16d %,16d %14s%s%n",
                        first ? l.name() : "", first ? Long.toString(l.instances()) : "", t.getKey(), s.tile(),
                        s.readsTotal(), s.fillsTotal(), s.updatesTotal(), energy(s.energyPj()), first ? slow : ""));
                first = false;
            }
        }
        sb.append(String.format(Locale.ROOT, "%-22s %6d %-10s %10s %16s %16s %16s %14s%n", "compute " + a.compute().name(),
                e.utilizedComputeInstances(), "MACs", "", String.format(Locale.ROOT, "%,d", e.macs()), "", "", energy(e.computeEnergyPj())));
        if (!a.linkTransfers()) {
            sb.append("\nlink transfers off: instances do not forward data to their neighbours.\n");
        }
        for (LevelStats l : e.levels()) {
            for (Map.Entry<String, TensorStats> t : l.tensors().entrySet()) {
                if (t.getValue().linkTransfers() > 0) {
                    sb.append(String.format(Locale.ROOT, "%nlink transfers: %s received %,d words of %s from neighbouring "
                            + "instances (included in its fills)%n", l.name(), t.getValue().linkTransfers(), t.getKey()));
                }
            }
        }
        if (e.networkEnergyPj() > 0) {
            sb.append(String.format(Locale.ROOT, "%nnetwork energy %s (included above):", energy(e.networkEnergyPj())));
            for (LevelStats l : e.levels()) {
                if (l.networkEnergyPj() > 0) {
                    sb.append(String.format(Locale.ROOT, "  %s fan-out %s", l.name(), energy(l.networkEnergyPj())));
                }
            }
            sb.append('\n');
        }
        sb.append('\n').append(area(AreaBreakdown.of(a)));
        return sb.toString();
    }

    /** The area table: one row per level and the compute units, each with its instances, and the total. */
    static String area(AreaBreakdown b) {
        StringBuilder sb = new StringBuilder();
        String header = String.format(Locale.ROOT, "%-22s %6s %14s %12s  %s%n", "area (" + b.technology() + ")", "inst",
                "um2 each", "mm2", "source");
        sb.append(header).append("-".repeat(header.length() - 1)).append('\n');
        for (AreaBreakdown.Part p : b.levels()) {
            sb.append(areaRow(p.name(), p));
        }
        sb.append(areaRow("compute " + b.compute().name(), b.compute()));
        sb.append(String.format(Locale.ROOT, "%-22s %6s %14s %12.4f%n", "total", "", "", b.totalMm2()));
        if (b.anyEstimated()) {
            sb.append("estimated: the ").append(b.technology()).append(" technology's figure for a part without an "
                    + "`area` (see docs/technology.md).\n");
        }
        return sb.toString();
    }

    private static String areaRow(String name, AreaBreakdown.Part p) {
        return String.format(Locale.ROOT, "%-22s %6d %,14.0f %12.4f  %s%n", name, p.instances(), p.perInstanceUm2(),
                p.totalMm2(), p.source().label());
    }

    /** Energy with a readable unit. */
    static String energy(double pj) {
        if (pj >= 1e9) {
            return String.format(Locale.ROOT, "%.3f mJ", pj / 1e9);
        }
        if (pj >= 1e6) {
            return String.format(Locale.ROOT, "%.3f uJ", pj / 1e6);
        }
        if (pj >= 1e3) {
            return String.format(Locale.ROOT, "%.3f nJ", pj / 1e3);
        }
        return String.format(Locale.ROOT, "%.3f pJ", pj);
    }
}
