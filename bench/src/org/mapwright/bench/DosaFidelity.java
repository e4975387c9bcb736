package org.mapwright.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mapwright.testing.DosaCheck;
import org.mapwright.testing.DosaGemmini;
import org.mapwright.testing.TimeloopTool;

/**
 * External fidelity check on DOSA's published Gemmini data: converts rows to Timeloop inputs, runs each through the
 * real timeloop-model v3.0.3 (default mode: link transfers on, as in the model) and through Mapwright's model, and requires equal
 * cycles, energy (1e-6) and per-level per-tensor counts. Where they differ it reruns Timeloop in its exact mode
 * ({@code TIMELOOP_DISABLE_TEMPORAL_EXTRAPOLATION=1}), which the model follows where the two modes differ; see
 * {@link DosaCheck}.
 *
 * <p>Usage: {@code DosaFidelity SHARED ROWS THREADS OUT EXACT_TIMEOUT_S COMMAND...}; every (72700 / ROWS)-th row
 * is taken, or with ROWS = {@code lines=L1,L2,...} the given CSV lines (the header is line 1). Writes a Markdown report to OUT naming the commit (env {@code GIT_COMMIT}) and the command.
 */
public final class DosaFidelity {
    private DosaFidelity() {
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args[0]);
        int threads = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        long exactTimeout = Long.parseLong(args[4]);
        String command = String.join(" ", List.of(args).subList(5, args.length));
        TimeloopTool tool = TimeloopTool.find(shared).orElseThrow(() -> new IllegalStateException(
                "timeloop-model not found under " + shared + "/tools/timeloop; give the shared directory."));
        List<DosaGemmini.Row> rows = new ArrayList<>();
        String which;
        if (args[1].startsWith("lines=")) {
            for (String line : args[1].substring(6).split(",")) {
                rows.addAll(DosaGemmini.read(DosaGemmini.dataset(shared), Integer.parseInt(line.trim()) - 2, 1, 1));
            }
            which = "CSV lines " + args[1].substring(6) + " of timeloop_gemmini_dataset.csv.gz";
        } else {
            int n = Integer.parseInt(args[1]);
            int stride = Math.max(1, 72700 / n);
            rows = DosaGemmini.read(DosaGemmini.dataset(shared), 0, stride, n);
            which = "every " + stride + "-th row of timeloop_gemmini_dataset.csv.gz, from the first";
        }
        Path work = Files.createTempDirectory("dosa-fidelity");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<DosaCheck.Outcome>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (DosaGemmini.Row r : rows) {
            futures.add(pool.submit(() -> DosaCheck.check(tool, r, work.resolve("row" + r.line()), exactTimeout)));
        }
        List<DosaCheck.Outcome> outcomes = new ArrayList<>();
        for (Future<DosaCheck.Outcome> f : futures) {
            outcomes.add(f.get());
            if (outcomes.size() % 100 == 0) {
                System.err.println(outcomes.size() + " rows done");
            }
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.writeString(out, report(outcomes, command, seconds, which, exactTimeout));
        System.err.println("report written to " + out);
    }

    private static String report(List<DosaCheck.Outcome> outcomes, String command, double seconds, String which,
            long exactTimeout) {
        EnumMap<DosaCheck.Kind, List<DosaCheck.Outcome>> byKind = new EnumMap<>(DosaCheck.Kind.class);
        for (DosaCheck.Kind k : DosaCheck.Kind.values()) {
            byKind.put(k, new ArrayList<>());
        }
        int dosaSame = 0;
        int dosaHigher = 0;
        int dosaLower = 0;
        int cyclesEqual = 0;
        for (DosaCheck.Outcome o : outcomes) {
            byKind.get(o.kind()).add(o);
            if (o.timeloopCycles() >= 0) {
                long rec = o.row().recordedCycles();
                dosaSame += rec == o.timeloopCycles() ? 1 : 0;
                dosaHigher += rec > o.timeloopCycles() ? 1 : 0;
                dosaLower += rec < o.timeloopCycles() ? 1 : 0;
                cyclesEqual += o.modelCycles() == o.timeloopCycles() ? 1 : 0;
            }
        }
        StringBuilder s = new StringBuilder();
        s.append("# DOSA Gemmini rows: Mapwright vs timeloop-model v3.0.3\n\n");
        s.append("- commit: ").append(System.getenv().getOrDefault("GIT_COMMIT", "unknown")).append('\n');
        s.append("- command: `").append(command).append("`\n");
        s.append("- date: ").append(Instant.now()).append('\n');
        s.append("- rows: ").append(outcomes.size()).append(" (").append(which).append(")\n");
        s.append("- Timeloop: default mode (temporal extrapolation and link transfers on, as in the model); exact mode "
                + "(TIMELOOP_DISABLE_TEMPORAL_EXTRAPOLATION=1) where the default mode differs, at most ")
                .append(exactTimeout).append(" s per row\n");
        s.append("- wall time: ").append(String.format("%.0f", seconds)).append(" s\n\n");
        s.append("| outcome | rows |\n|---|---|\n");
        s.append("| model equals Timeloop's default mode (cycles, energy within 1e-6, every per-level count) | ")
                .append(byKind.get(DosaCheck.Kind.MATCH).size()).append(" |\n");
        s.append("| modes differ, model equals Timeloop's exact mode | ")
                .append(byKind.get(DosaCheck.Kind.EXACT_MODE).size()).append(" |\n");
        s.append("| modes differ by the extrapolation (model's emulation of the default mode equals it; exact mode "
                + "too slow to run) | ").append(byKind.get(DosaCheck.Kind.EXTRAPOLATION).size()).append(" |\n");
        s.append("| mismatch or error | ").append(byKind.get(DosaCheck.Kind.MISMATCH).size()).append(" |\n");
        s.append("| cycles equal to the default mode's | ").append(cyclesEqual).append(" |\n");
        s.append("| DOSA's recorded cycles equal / above / below Timeloop v3.0.3's | ").append(dosaSame)
                .append(" / ").append(dosaHigher).append(" / ").append(dosaLower).append(" |\n\n");
        section(s, "Mismatches", byKind.get(DosaCheck.Kind.MISMATCH));
        section(s, "Modes differ, model equals the exact mode (differences from the default mode)",
                byKind.get(DosaCheck.Kind.EXACT_MODE));
        section(s, "Modes differ by the extrapolation (differences from the default mode)",
                byKind.get(DosaCheck.Kind.EXTRAPOLATION));
        return s.toString();
    }

    private static void section(StringBuilder s, String title, List<DosaCheck.Outcome> rows) {
        s.append("## ").append(title).append("\n\n");
        if (rows.isEmpty()) {
            s.append("None.\n");
        }
        for (DosaCheck.Outcome o : rows) {
            s.append("- CSV line ").append(o.row().line()).append(" `").append(o.row().mapping()).append("`: ")
                    .append(String.join("; ", o.diffs()).replace('\n', ' ')).append('\n');
        }
        s.append('\n');
    }
}
