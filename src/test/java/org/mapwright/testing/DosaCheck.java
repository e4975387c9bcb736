package org.mapwright.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.cost.Evaluation;
import org.mapwright.cost.ModelSpec;
import org.mapwright.timeloop.TimeloopInputs;

/**
 * One DOSA row through both tools: Timeloop's default mode against the model, and where they differ, Timeloop's
 * exact mode against the model and the default mode against the model's emulation of it.
 */
public final class DosaCheck {
    private DosaCheck() {
    }

    /** How a row came out. */
    public enum Kind {
        /** The model equals Timeloop's default mode: cycles, energy (1e-6) and every per-level count. */
        MATCH,
        /** Timeloop's modes differ; the model equals the exact mode (which finished in time). */
        EXACT_MODE,
        /**
         * The model differs from the default mode, the model's emulation of the default mode equals it, and the
         * exact mode did not finish in time.
         */
        EXTRAPOLATION,
        /** Anything else. */
        MISMATCH
    }

    /** The outcome; {@code diffs} lists the model's differences from the default mode (empty on a match). */
    public record Outcome(DosaGemmini.Row row, Kind kind, long timeloopCycles, long modelCycles, List<String> diffs) {
    }

    /** Checks {@code row}, writing Timeloop's files under {@code dir}. */
    public static Outcome check(TimeloopTool tool, DosaGemmini.Row row, Path dir, long exactTimeoutSeconds) {
        try {
            DosaGemmini.Yaml y = DosaGemmini.toTimeloop(row);
            List<Path> files = y.write(dir);
            TimeloopInputs in = y.load();
            ModelSpec spec = new ModelSpec(in.workload(), in.architecture());
            Evaluation e = new AnalyticalModel(spec).evaluate(in.mapping().orElseThrow());
            JsonNode tl = TimeloopResult.parse(tool.run(files, dir.resolve("default"), false, 600).orElseThrow(
                    () -> new IllegalStateException("timeloop-model's default mode took more than ten minutes.")));
            long tlCycles = tl.get("summary").get("cycles").asLong();
            List<String> diffs = TimeloopResult.compare(e, tl);
            if (diffs.isEmpty()) {
                return new Outcome(row, Kind.MATCH, tlCycles, e.cycles(), diffs);
            }
            Optional<String> exact = tool.run(files, dir.resolve("exact"), true, exactTimeoutSeconds);
            if (exact.isPresent()) {
                List<String> exactDiffs = TimeloopResult.compare(e, TimeloopResult.parse(exact.get()));
                return new Outcome(row, exactDiffs.isEmpty() ? Kind.EXACT_MODE : Kind.MISMATCH, tlCycles, e.cycles(),
                        exactDiffs.isEmpty() ? diffs : exactDiffs);
            }
            Evaluation emulated = AnalyticalModel.timeloopDefaultMode(spec).evaluate(in.mapping().orElseThrow());
            boolean explained = TimeloopResult.compare(emulated, tl).isEmpty();
            return new Outcome(row, explained ? Kind.EXTRAPOLATION : Kind.MISMATCH, tlCycles, e.cycles(), diffs);
        } catch (RuntimeException ex) {
            return new Outcome(row, Kind.MISMATCH, -1, -1, List.of("error: " + ex.getMessage()));
        }
    }
}
