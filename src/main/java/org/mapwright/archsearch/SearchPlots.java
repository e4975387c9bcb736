package org.mapwright.archsearch;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The search's PNG plots (XChart, drawn off screen): the best network EDP after each generation, with the baselines
 * and the floor as horizontal lines, and the EDP against the area of every feasible candidate with the Pareto front.
 */
public final class SearchPlots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Color[] COLOURS = {new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b)};

    private SearchPlots() {
    }

    /**
     * Best EDP per generation, log scale, with one horizontal line per reference value (baselines, floor); empty when
     * no generation has a feasible design.
     */
    public static Optional<byte[]> bestPerGeneration(String title, double[] best, Map<String, Double> references) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int g = 0; g < best.length; g++) {
            if (Double.isFinite(best[g])) {
                xs.add((double) g + 1);
                ys.add(best[g]);
            }
        }
        if (xs.isEmpty()) {
            return Optional.empty();
        }
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle("generation")
                .yAxisTitle("best network EDP so far (J x cycles)").build();
        style(chart);
        chart.getStyler().setYAxisLogarithmic(true);
        XYSeries s = chart.addSeries("searched", xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(new Color(0x1f77b4));
        s.setLineStyle(new BasicStroke(2.2f));
        int i = 0;
        double lo = ys.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double hi = ys.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        for (Map.Entry<String, Double> ref : references.entrySet()) {
            if (!Double.isFinite(ref.getValue()) || !(ref.getValue() > 0)) {
                continue;
            }
            XYSeries r = chart.addSeries(ref.getKey(), new double[] {1, Math.max(2, best.length)},
                    new double[] {ref.getValue(), ref.getValue()});
            r.setMarker(SeriesMarkers.NONE);
            r.setLineColor(COLOURS[i++ % COLOURS.length]);
            r.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            lo = Math.min(lo, ref.getValue());
            hi = Math.max(hi, ref.getValue());
        }
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(lo))));
        chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(hi))));
        return Optional.of(encode(chart));
    }

    /** EDP against area of every feasible candidate, with the Pareto front; empty when none is feasible. */
    public static Optional<byte[]> edpVersusArea(String title, List<Scored> all) {
        List<Double> ax = new ArrayList<>();
        List<Double> ey = new ArrayList<>();
        for (Scored s : all) {
            if (s.feasible() && s.areaMm2() > 0) {
                ax.add(s.areaMm2());
                ey.add(s.edp());
            }
        }
        if (ax.isEmpty()) {
            return Optional.empty();
        }
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle("area (mm2)")
                .yAxisTitle("network EDP (J x cycles)").build();
        style(chart);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        XYSeries c = chart.addSeries(String.format(Locale.ROOT, "candidates (%d)", ax.size()), ax, ey);
        c.setMarker(SeriesMarkers.CIRCLE);
        c.setMarkerColor(new Color(0x1f77b4, false));
        List<Scored> front = Pareto.front(all).stream().filter(s -> s.areaMm2() > 0).toList();
        XYSeries f = chart.addSeries("Pareto front", front.stream().map(Scored::areaMm2).toList(),
                front.stream().map(Scored::edp).toList());
        f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        f.setMarker(SeriesMarkers.DIAMOND);
        f.setLineColor(new Color(0xd62728));
        f.setMarkerColor(new Color(0xd62728));
        double lo = ey.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double hi = ey.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(lo))));
        chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(hi))));
        return Optional.of(encode(chart));
    }

    /** The house style of every plot: legend inside, white background, light grid. */
    public static void style(XYChart chart) {
        org.knowm.xchart.style.XYStyler st = chart.getStyler();
        st.setLegendPosition(Styler.LegendPosition.InsideNE);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotGridLinesColor(new Color(0xdddddd));
    }

    /** The chart as PNG bytes. */
    public static byte[] encode(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode a plot as PNG.", e);
        }
    }
}
