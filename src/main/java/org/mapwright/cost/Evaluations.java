package org.mapwright.cost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the full {@link Evaluation} record from a workspace after the hot path has run. */
final class Evaluations {
    private Evaluations() {
    }

    static Evaluation of(ModelSpec s, Workspace ws) {
        long utilizedCompute = ws.util[s.nl];
        if (!ws.valid) {
            List<Violation> vs = new ArrayList<>();
            for (int i = 0; i < Math.min(ws.violationCount, Workspace.MAX_VIOLATIONS); i++) {
                vs.add(violation(s, ws, i));
            }
            return new Evaluation(false, vs, 0, 0, 0, 0, s.macs, s.computeInstances, utilizedCompute, List.of());
        }
        List<LevelStats> levels = new ArrayList<>();
        for (int l = 0; l < s.nl; l++) {
            Map<String, TensorStats> tensors = new LinkedHashMap<>();
            for (int t = 0; t < s.nt; t++) {
                int idx = l * s.nt + t;
                if (ws.tile[idx] == 0) {
                    continue;
                }
                tensors.put(s.workload.tensors().get(t).name(), new TensorStats(ws.tile[idx], ws.partition[idx],
                        ws.reads[idx], ws.fills[idx], ws.updates[idx], ws.util[l], ws.tensorEnergy[idx], ws.linkIn[idx]));
            }
            levels.add(new LevelStats(s.arch.level(l).name(), ws.util[l], ws.levelCycles[l], ws.slowdown[l],
                    ws.levelEnergy[l], tensors, s.network ? ws.networkEnergy[l] : 0));
        }
        return new Evaluation(true, List.of(), ws.cycles, ws.computeCycles, ws.energy, s.macs * s.macEnergy, s.macs,
                s.computeInstances, utilizedCompute, levels);
    }

    private static Violation violation(ModelSpec s, Workspace ws, int i) {
        int l = ws.vLevel[i];
        String level = s.arch.level(l).name();
        long req = ws.vRequested[i];
        long avail = ws.vAvailable[i];
        switch (ws.vKind[i]) {
            case CAPACITY: {
                StringBuilder parts = new StringBuilder();
                for (int t = 0; t < s.nt; t++) {
                    long tile = ws.tile[l * s.nt + t];
                    if (tile > 0) {
                        parts.append(parts.length() == 0 ? "" : ", ")
                                .append(s.workload.tensors().get(t).name()).append(' ').append(tile);
                    }
                }
                String biggest = null;
                long max = -1;
                for (int t = 0; t < s.nt; t++) {
                    if (ws.tile[l * s.nt + t] > max) {
                        max = ws.tile[l * s.nt + t];
                        biggest = s.workload.tensors().get(t).name();
                    }
                }
                return new Violation(Violation.Kind.CAPACITY, level, Optional.ofNullable(biggest), req, avail,
                        "Level " + level + " needs " + req + " words for its tiles (" + parts + ") but holds " + avail
                                + ", " + (req - avail) + " too many; move factors of the largest tile outward or bypass a tensor.");
            }
            case FANOUT_X:
            case FANOUT_Y: {
                String axis = ws.vKind[i] == Violation.Kind.FANOUT_X ? "X" : "Y";
                return new Violation(ws.vKind[i], level, Optional.empty(), req, avail,
                        "Level " + level + " unrolls " + req + " instances on " + axis + " but its fan-out has " + avail
                                + " on that axis; reduce the spatial " + axis + " factors.");
            }
            case SPATIAL_DIM: {
                int subj = ws.vSubject[i];
                String axis = subj >= s.nd ? "Y" : "X";
                String dim = s.workload.dims().get(subj % s.nd).name();
                return new Violation(Violation.Kind.SPATIAL_DIM, level, Optional.of(dim), req, 1,
                        "Level " + level + " unrolls " + dim + " on " + axis + ", which its fan-out does not allow; "
                                + "unroll an allowed dimension instead.");
            }
            case KEEP: {
                String tensor = s.workload.tensors().get(ws.vSubject[i]).name();
                return new Violation(Violation.Kind.KEEP, level, Optional.of(tensor), 0, 0,
                        "Level " + level + " keeps " + tensor + ", which it cannot hold; bypass it there.");
            }
            default:
                throw new IllegalStateException("Unknown violation kind " + ws.vKind[i] + ".");
        }
    }
}
