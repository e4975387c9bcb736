package org.mapwright.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots of the {@link Convergence} curves (XChart, drawn off screen): one line per mapper, the median over seeds
 * as a solid step line and the lowest and highest seed as thin dashed lines of the same colour, both axes
 * logarithmic. A mapper is drawn from where its median first has a valid mapping on every layer.
 */
public final class ConvergencePlots {
    static {
        // drawing needs no display; a server without one must not fail or open a window
        System.setProperty("java.awt.headless", "true");
    }

    private static final Color[] COLOURS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};
    private static final BasicStroke MEDIAN = new BasicStroke(2.2f);
    private static final BasicStroke BAND = new BasicStroke(0.9f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {5f, 4f}, 0f);

    private ConvergencePlots() {
    }

    /** The plot against {@code axis} as PNG bytes, or empty when no curve has a point to draw. */
    public static Optional<byte[]> png(BenchResult r, Convergence.Axis axis) {
        List<Convergence.Curve> curves = new ArrayList<>();
        for (String m : r.config().mappers()) {
            Convergence.of(r, m, axis).ifPresent(curves::add);
        }
        int seeds = r.config().seeds();
        XYChart chart = new XYChartBuilder().width(900).height(560)
                .title(String.format(Locale.ROOT, "%s on %s, %,d evaluations per search: %s", r.workload(),
                        r.accelerator(), r.config().budget().evaluations(), seeds == 1 ? "one seed"
                                : "median of " + seeds + " seeds, dashed: min and max"))
                .xAxisTitle(axis == Convergence.Axis.EVALUATIONS ? "true evaluations" : "seconds")
                .yAxisTitle(String.format(Locale.ROOT, "best EDP / lower bound, geomean over %d layer%s",
                        r.layers().size(), r.layers().size() == 1 ? "" : "s"))
                .build();
        XYStyler st = chart.getStyler();
        st.setXAxisLogarithmic(true);
        st.setYAxisLogarithmic(true);
        st.setLegendPosition(Styler.LegendPosition.InsideNE);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotGridLinesColor(new Color(0xdddddd));
        // x min, x max, y min, y max of every point drawn
        double[] extent = {Double.POSITIVE_INFINITY, 0, Double.POSITIVE_INFINITY, 0};
        boolean any = false;
        for (int i = 0; i < curves.size(); i++) {
            Convergence.Curve c = curves.get(i);
            Color colour = COLOURS[i % COLOURS.length];
            any |= add(chart, c.mapper(), c.x(), c.median(), colour, MEDIAN, true, extent);
            if (seeds > 1) {
                add(chart, c.mapper() + " min", c.x(), c.min(), colour, BAND, false, extent);
                add(chart, c.mapper() + " max", c.x(), c.max(), colour, BAND, false, extent);
            }
        }
        if (!any) {
            return Optional.empty();
        }
        // whole decades, so that a logarithmic axis spanning less than one still has labelled ticks
        st.setXAxisMin(decadeBelow(extent[0]));
        st.setXAxisMax(Math.max(decadeAbove(extent[1]), 10 * decadeBelow(extent[0])));
        st.setYAxisMin(decadeBelow(extent[2]));
        st.setYAxisMax(Math.max(decadeAbove(extent[3]), 10 * decadeBelow(extent[2])));
        try {
            return Optional.of(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode the convergence plot as PNG.", e);
        }
    }

    static double decadeBelow(double v) {
        return Math.pow(10, Math.floor(Math.log10(v)));
    }

    static double decadeAbove(double v) {
        return Math.pow(10, Math.ceil(Math.log10(v)));
    }

    /** Adds one step line from its first finite value, widening {@code extent}; false if it has no such value. */
    private static boolean add(XYChart chart, String name, double[] x, double[] y, Color colour, BasicStroke stroke,
                               boolean legend, double[] extent) {
        double[][] steps = steps(x, y);
        if (steps[0].length == 0) {
            return false;
        }
        for (int i = 0; i < steps[0].length; i++) {
            extent[0] = Math.min(extent[0], steps[0][i]);
            extent[1] = Math.max(extent[1], steps[0][i]);
            extent[2] = Math.min(extent[2], steps[1][i]);
            extent[3] = Math.max(extent[3], steps[1][i]);
        }
        XYSeries s = chart.addSeries(name, steps[0], steps[1]);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineStyle(stroke);
        s.setShowInLegend(legend);
        return true;
    }

    /**
     * The points of a step line that holds {@code y[i]} from {@code x[i]} to {@code x[i + 1]}, from the first finite
     * value on (values only fall, so the infinite ones come first); x must be positive for the logarithmic axis.
     */
    static double[][] steps(double[] x, double[] y) {
        int first = 0;
        while (first < y.length && (y[first] == Double.POSITIVE_INFINITY || !(x[first] > 0))) {
            first++;
        }
        List<double[]> pts = new ArrayList<>();
        for (int i = first; i < x.length; i++) {
            if (i > first) {
                pts.add(new double[] {x[i], y[i - 1]});
            }
            pts.add(new double[] {x[i], y[i]});
        }
        double[][] out = new double[2][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            out[0][i] = pts.get(i)[0];
            out[1][i] = pts.get(i)[1];
        }
        return out;
    }
}
