package org.mapwright.cli;

import java.util.Locale;
import java.util.Map;
import org.mapwright.arch.Architecture;
import org.mapwright.cost.Evaluation;
import org.mapwright.cost.LevelStats;
import org.mapwright.cost.TensorStats;
import org.mapwright.cost.Violation;
import org.mapwright.workload.Workload;

/** The human-readable evaluation report: a summary, then one row per level and tensor. */
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
        return sb.toString();
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
