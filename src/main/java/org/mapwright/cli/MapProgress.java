package org.mapwright.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.mapwright.cost.Cost;
import org.mapwright.diag.Diagnostic;
import org.mapwright.netmap.LayerResult;
import org.mapwright.netmap.Listener;
import org.mapwright.search.Objective;

/**
 * The progress of {@code mapwright map} on stderr: a line when a layer's search starts and one when it ends (or when
 * a layer is resumed or reused), and on a terminal a live bar between them, redrawn in place with carriage returns.
 */
final class MapProgress implements Listener {
    private final PrintWriter err;
    private final boolean live;
    private final Objective objective;
    private int drawn;

    /**
     * @param live whether stderr is a terminal, so that a progress bar can redraw one line
     */
    MapProgress(PrintWriter err, boolean live, Objective objective) {
        this.err = err;
        this.live = live;
        this.objective = objective;
    }

    /** {@code [k/n] layer: }, k right-aligned to the width of n. */
    private static String prefix(Step step) {
        String counter = "[%" + Integer.toString(step.count()).length() + "d/" + step.count() + "] ";
        return String.format(Locale.ROOT, counter, step.position() + 1) + step.layer().name() + ": ";
    }

    @Override
    public void warning(Step step, Diagnostic warning) {
        err.println(warning.format());
    }

    @Override
    public void layerStarted(Step step) {
        err.println(prefix(step) + "searching " + step.layer().workload().withName(""));
    }

    @Override
    public void layerReused(Step step, LayerResult r) {
        err.println(prefix(step) + "same as " + r.sameAs().orElseThrow() + ", not searched again");
    }

    @Override
    public void layerFinished(Step step, LayerResult r, boolean resumed) {
        clear();
        String byOracle = r.oracle().map(o -> String.format(Locale.ROOT, " (%s: EDP %s, %,d true evaluations, %,d "
                + "cache hits)", o.name(), MapReport.edp(Cost.edp(o.energyPj(), o.cycles())), o.trueEvaluations(),
                o.cacheHits())).orElse("");
        err.println(prefix(step) + (resumed ? "resumed from checkpoint: " : "") + String.format(Locale.ROOT,
                "EDP %s (%.1fx lower bound), %,d evaluations%s, %.1f s%s", MapReport.edp(r.evaluation().edp()),
                r.edpOverBound(), r.evaluations(), byOracle, r.seconds(),
                r.complete() ? "; the whole mapspace was searched, so this is the optimum" : ""));
    }

    @Override
    public synchronized void progress(Step step, long evaluations, long budget, double seconds, double best) {
        if (!live) {
            return;
        }
        StringBuilder sb = new StringBuilder(prefix(step));
        if (budget > 0) {
            int filled = (int) Math.min(20, 20 * evaluations / budget);
            sb.append('[').append("#".repeat(filled)).append(".".repeat(20 - filled)).append("] ");
        }
        sb.append(String.format(Locale.ROOT, "%,d evaluations, %.1f s", evaluations, seconds));
        if (Double.isFinite(best)) {
            sb.append(", best ").append(objective.primary().label()).append(' ').append(MapReport.edp(best));
        }
        String line = sb.toString();
        err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
        err.flush();
        drawn = line.length();
    }

    /** Erases the bar, if one is drawn. */
    synchronized void clear() {
        if (drawn > 0) {
            err.print("\r" + " ".repeat(drawn) + "\r");
            err.flush();
            drawn = 0;
        }
    }
}
