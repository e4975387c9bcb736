package org.mapwright.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark reduced to one row per mapper. Each layer first gets the median over seeds of each mapper's best EDP
 * (and of its seconds); the mapper's figures are then geometric means of those medians over the layers, each layer
 * once however often the network repeats it. A layer is won by the mapper with the lowest median EDP (every mapper
 * tied for it wins it).
 *
 * @param mappers one per mapper, in the benchmark's order
 * @param layers  one per layer, in network order
 */
public record Summary(List<MapperRow> mappers, List<LayerRow> layers) {

    /**
     * One mapper over all layers.
     *
     * @param mapper                  its name
     * @param geomeanEdp              geometric mean over layers of the median best EDP, J x cycles; +infinity when
     *                                some layer's median is (at least half its seeds found no valid mapping)
     * @param geomeanEdpOverBound     the same of the median EDP over the layer's lower bound; NaN when some layer's
     *                                lower bound is 0
     * @param geomeanSeconds          geometric mean over layers of the median search seconds
     * @param wins                    layers on which its median EDP is the lowest
     * @param layersWithoutMapping    layers whose median EDP is infinite
     */
    public record MapperRow(String mapper, double geomeanEdp, double geomeanEdpOverBound, double geomeanSeconds,
                            int wins, int layersWithoutMapping) {
    }

    /**
     * One mapper on one layer.
     *
     * @param medianEdp          median best EDP over seeds
     * @param medianEdpOverBound that over the layer's lower bound (NaN when the bound is 0)
     * @param medianSeconds      median search seconds over seeds
     * @param withoutMapping     seeds that found no valid mapping
     */
    public record Cell(double medianEdp, double medianEdpOverBound, double medianSeconds, int withoutMapping) {
    }

    /**
     * One layer.
     *
     * @param layer   the layer
     * @param cells   per mapper, in the benchmark's order
     * @param winners the mappers with the lowest median EDP (none when no mapper found a mapping)
     */
    public record LayerRow(BenchResult.Layer layer, Map<String, Cell> cells, List<String> winners) {
        public LayerRow {
            cells = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cells));
            winners = List.copyOf(winners);
        }
    }

    public Summary {
        mappers = List.copyOf(mappers);
        layers = List.copyOf(layers);
    }

    /** Summarises a benchmark. */
    public static Summary of(BenchResult r) {
        List<LayerRow> rows = new ArrayList<>();
        for (BenchResult.Layer l : r.layers()) {
            Map<String, Cell> cells = new LinkedHashMap<>();
            double best = Double.POSITIVE_INFINITY;
            for (String m : r.config().mappers()) {
                List<Run> runs = r.runs(l.name(), m);
                double edp = Stats.median(runs.stream().mapToDouble(Run::bestEdp).toArray());
                double seconds = Stats.median(runs.stream().mapToDouble(Run::seconds).toArray());
                int failed = (int) runs.stream().filter(x -> !x.found()).count();
                cells.put(m, new Cell(edp, Stats.overBound(edp, l.lowerBoundEdp()), seconds, failed));
                best = Math.min(best, edp);
            }
            List<String> winners = new ArrayList<>();
            for (Map.Entry<String, Cell> e : cells.entrySet()) {
                if (best < Double.POSITIVE_INFINITY && e.getValue().medianEdp() == best) {
                    winners.add(e.getKey());
                }
            }
            rows.add(new LayerRow(l, cells, winners));
        }
        boolean bounded = r.layers().stream().allMatch(l -> l.lowerBoundEdp() > 0);
        List<MapperRow> mappers = new ArrayList<>();
        for (String m : r.config().mappers()) {
            double[] edp = rows.stream().mapToDouble(x -> x.cells().get(m).medianEdp()).toArray();
            double[] seconds = rows.stream().mapToDouble(x -> x.cells().get(m).medianSeconds()).toArray();
            double ratio = bounded
                    ? Stats.geomean(rows.stream().mapToDouble(x -> x.cells().get(m).medianEdpOverBound()).toArray())
                    : Double.NaN;
            int wins = (int) rows.stream().filter(x -> x.winners().contains(m)).count();
            int without = (int) rows.stream().filter(x -> x.cells().get(m).medianEdp() == Double.POSITIVE_INFINITY).count();
            mappers.add(new MapperRow(m, Stats.geomean(edp), ratio, Stats.geomean(seconds), wins, without));
        }
        return new Summary(mappers, rows);
    }
}
