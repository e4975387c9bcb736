package org.mapwright.netsearch;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mapwright.archsearch.SearchPlots;
import org.mapwright.netcost.CostMetric;

/** The network searches' PNG plots: accuracy against hardware cost of every scored candidate, with its Pareto front. */
public final class NetPlots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** A labelled point drawn on top of the candidates (a baseline, the answer). */
    public record Mark(String label, double cost, double accuracy) {
    }

    private NetPlots() {
    }

    /**
     * Accuracy against cost (log scale) of every candidate, the Pareto front (the most accurate network at each cost),
     * an optional vertical line at the limit, and marks; empty when no candidate has a cost.
     */
    public static Optional<byte[]> accuracyVersusCost(String title, CostMetric metric, String costLabel,
                                                      List<double[]> costAccuracy, double limit, List<Mark> marks) {
        List<double[]> pts = costAccuracy.stream().filter(p -> p[0] > 0 && Double.isFinite(p[0])).toList();
        if (pts.isEmpty()) {
            return Optional.empty();
        }
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title)
                .xAxisTitle(costLabel + " " + unit(metric)).yAxisTitle("top-1 accuracy").build();
        SearchPlots.style(chart);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        XYSeries c = chart.addSeries(String.format(Locale.ROOT, "candidates (%d)", pts.size()),
                pts.stream().map(p -> p[0]).toList(), pts.stream().map(p -> p[1]).toList());
        c.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.setMarker(SeriesMarkers.CIRCLE);
        c.setMarkerColor(new Color(0x1f77b4, false));
        List<double[]> front = front(pts);
        XYSeries f = chart.addSeries("Pareto front", front.stream().map(p -> p[0]).toList(),
                front.stream().map(p -> p[1]).toList());
        f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        f.setMarker(SeriesMarkers.NONE);
        f.setLineColor(new Color(0xd62728));
        double lo = pts.stream().mapToDouble(p -> p[1]).min().orElseThrow();
        double hi = pts.stream().mapToDouble(p -> p[1]).max().orElseThrow();
        for (Mark m : marks) {
            lo = Math.min(lo, m.accuracy());
            hi = Math.max(hi, m.accuracy());
        }
        if (limit > 0 && Double.isFinite(limit)) {
            XYSeries l = chart.addSeries("limit", new double[] {limit, limit}, new double[] {lo, hi});
            l.setMarker(SeriesMarkers.NONE);
            l.setLineColor(Color.DARK_GRAY);
            l.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        Color[] colours = {new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};
        int i = 0;
        for (Mark m : marks) {
            if (m.cost() > 0 && Double.isFinite(m.cost())) {
                XYSeries s = chart.addSeries(m.label(), new double[] {m.cost()}, new double[] {m.accuracy()});
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.DIAMOND);
                s.setMarkerColor(colours[i++ % colours.length]);
            }
        }
        return Optional.of(SearchPlots.encode(chart));
    }

    /** The points no other point beats on both lower cost and higher accuracy, by cost. */
    static List<double[]> front(List<double[]> pts) {
        List<double[]> sorted = new ArrayList<>(pts);
        sorted.sort(Comparator.comparingDouble((double[] p) -> p[0]).thenComparingDouble(p -> -p[1]));
        List<double[]> out = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (double[] p : sorted) {
            if (p[1] > best) {
                out.add(p);
                best = p[1];
            }
        }
        return out;
    }

    static String unit(CostMetric m) {
        return switch (m) {
            case EDP -> "(J x cycles)";
            case ENERGY -> "(pJ)";
            case CYCLES -> "(cycles)";
        };
    }
}
