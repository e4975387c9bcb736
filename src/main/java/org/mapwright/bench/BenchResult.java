package org.mapwright.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Every search of a benchmark and what it was run on.
 *
 * @param workload    the network's (or the layers') name
 * @param accelerator the accelerator's name
 * @param config      what was compared and how
 * @param layers      the layers searched, in network order
 * @param runs        one per (layer, mapper, seed)
 */
public record BenchResult(String workload, String accelerator, BenchConfig config, List<Layer> layers, List<Run> runs) {

    /**
     * A layer of the benchmark.
     *
     * @param name          its name
     * @param index         its place in the network, from 0
     * @param shape         its workload, without the name ({@code (C=64, M=64, ...)})
     * @param sameAs        the later layers with the same workload, not searched again
     * @param lowerBoundEdp an EDP no mapping of its mapspace can beat, in J x cycles
     */
    public record Layer(String name, int index, String shape, List<String> sameAs, double lowerBoundEdp) {
        public Layer {
            Objects.requireNonNull(name, "name");
            sameAs = List.copyOf(sameAs);
            if (!(lowerBoundEdp >= 0) || Double.isInfinite(lowerBoundEdp)) {
                throw new IllegalArgumentException("Layer " + name + " needs a finite, non-negative lower bound, got "
                        + lowerBoundEdp + ".");
            }
        }
    }

    public BenchResult {
        layers = List.copyOf(layers);
        runs = List.copyOf(runs);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("A benchmark needs at least one layer.");
        }
        if (layers.stream().map(Layer::name).distinct().count() != layers.size()) {
            throw new IllegalArgumentException("A benchmark names a layer twice; layer names must be distinct.");
        }
        for (Layer l : layers) {
            for (String m : config.mappers()) {
                List<Run> rs = select(runs, l.name(), m);
                for (int k = 0; k < config.seeds(); k++) {
                    if (rs.size() != config.seeds() || rs.get(k).seedIndex() != k) {
                        throw new IllegalArgumentException("Layer " + l.name() + " needs one run of mapper " + m
                                + " for each of the " + config.seeds() + " seeds, but has seed indices "
                                + rs.stream().map(Run::seedIndex).toList() + ".");
                    }
                }
            }
        }
        if (runs.size() != layers.size() * config.mappers().size() * config.seeds()) {
            throw new IllegalArgumentException("A benchmark's runs must be exactly one per (layer, mapper, seed); "
                    + "some run names a layer or mapper the benchmark does not have.");
        }
    }

    /** The runs of one mapper on one layer, by seed index. */
    public List<Run> runs(String layer, String mapper) {
        return select(runs, layer, mapper);
    }

    private static List<Run> select(List<Run> runs, String layer, String mapper) {
        return runs.stream().filter(r -> r.layer().equals(layer) && r.mapper().equals(mapper))
                .sorted(Comparator.comparingInt(Run::seedIndex)).toList();
    }
}
