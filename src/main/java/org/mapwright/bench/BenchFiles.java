package org.mapwright.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files of a benchmark's output directory, by name: {@code results.csv} (one row per search),
 * {@code summary.md}, {@code results.json}, and the convergence plots {@code convergence-evaluations.png} and
 * {@code convergence-seconds.png} (left out when no mapper has a point to draw). The caller writes them.
 */
public final class BenchFiles {
    /** The plot against true evaluations. */
    public static final String PLOT_EVALUATIONS = "convergence-evaluations.png";
    /** The plot against seconds. */
    public static final String PLOT_SECONDS = "convergence-seconds.png";

    private BenchFiles() {
    }

    /** Every file's name and content, in the order they are best written (the summary that names the plots last). */
    public static Map<String, byte[]> of(BenchResult r, Summary s, Provenance p) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<String> plots = new ArrayList<>();
        Optional<byte[]> evals = ConvergencePlots.png(r, Convergence.Axis.EVALUATIONS);
        Optional<byte[]> secs = ConvergencePlots.png(r, Convergence.Axis.SECONDS);
        if (evals.isPresent()) {
            files.put(PLOT_EVALUATIONS, evals.get());
            plots.add(PLOT_EVALUATIONS);
        }
        if (secs.isPresent()) {
            files.put(PLOT_SECONDS, secs.get());
            plots.add(PLOT_SECONDS);
        }
        files.put("results.csv", utf8(Report.csv(r)));
        files.put("results.json", utf8(Report.json(r, s, p).toPrettyString() + "\n"));
        files.put("summary.md", utf8(Report.markdown(r, s, p, plots)));
        return Collections.unmodifiableMap(files);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
