package org.mapwright.netmap;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.mapwright.arch.Architecture;
import org.mapwright.mapspace.Constraints;
import org.mapwright.search.Budget;
import org.mapwright.search.Cancellation;
import org.mapwright.search.CostOracleProvider;
import org.mapwright.search.CostOracles;
import org.mapwright.search.Defaults;
import org.mapwright.search.MapperProvider;
import org.mapwright.search.Mappers;
import org.mapwright.search.Objective;
import org.mapwright.search.OracleOptions;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;
import org.mapwright.workload.Workload;

/**
 * Maps the layers of a network onto an accelerator, one after another, and adds up their costs. Layers with the
 * same workload apart from their names are searched once and the others reuse that result. Every layer's seed is
 * split from the root seed by the layer's place in the whole network ({@link #layerSeeds}), so mapping one layer, a
 * subset, or resuming from checkpoints searches each layer exactly as mapping the whole network does.
 *
 * <p>A mapper holds only its immutable settings: one instance may map many networks onto many accelerators, from
 * several threads at once. Each call searches with {@link Settings#threads()} threads of its own; the listener and
 * the checkpoint store of a call are called from that call only (progress from its search's first thread).
 *
 * <p>Errors: a layer that cannot be mapped throws {@link UnmappableLayerException}; what the constraints function
 * and the checkpoint store throw passes through; an oracle that fails while searching throws
 * {@link org.mapwright.search.OracleException}. A call made under a cancelled {@link Cancellation} token throws
 * {@link org.mapwright.search.SearchCancelledException}.
 */
public final class NetworkMapper {

    /**
     * The search settings every layer shares.
     *
     * @param mapper        the search strategy
     * @param objective     what each layer's search minimises
     * @param budget        each layer's budget
     * @param seed          the root seed, from which every layer's seed is split
     * @param threads       search threads per layer
     * @param oracle        what ranks the candidates; the results are always costed by the analytical model
     * @param oracleOptions what the oracle needs (a tool's path, say)
     */
    public record Settings(MapperProvider mapper, Objective objective, Budget budget, long seed, int threads,
                           CostOracleProvider oracle, OracleOptions oracleOptions) {
        public Settings {
            Objects.requireNonNull(mapper, "mapper");
            Objects.requireNonNull(objective, "objective");
            Objects.requireNonNull(budget, "budget");
            Objects.requireNonNull(oracle, "oracle");
            Objects.requireNonNull(oracleOptions, "oracleOptions");
            if (threads < 1) {
                throw new IllegalArgumentException("A search needs at least one thread, got " + threads + ".");
            }
        }

        /**
         * What {@code mapwright map} uses when given no options: the default mapper, EDP, the default budget and
         * seed, every processor, and the analytical model.
         */
        public static Settings defaults() {
            return new Settings(Mappers.byName(Defaults.MAPPER), Objective.EDP, Defaults.budget(), Defaults.SEED,
                    Defaults.threads(), CostOracles.analytical(), OracleOptions.DEFAULT);
        }

        public Settings withMapper(MapperProvider m) {
            return new Settings(m, objective, budget, seed, threads, oracle, oracleOptions);
        }

        public Settings withObjective(Objective o) {
            return new Settings(mapper, o, budget, seed, threads, oracle, oracleOptions);
        }

        public Settings withBudget(Budget b) {
            return new Settings(mapper, objective, b, seed, threads, oracle, oracleOptions);
        }

        public Settings withSeed(long s) {
            return new Settings(mapper, objective, budget, s, threads, oracle, oracleOptions);
        }

        public Settings withThreads(int t) {
            return new Settings(mapper, objective, budget, seed, t, oracle, oracleOptions);
        }

        public Settings withOracle(CostOracleProvider o, OracleOptions options) {
            return new Settings(mapper, objective, budget, seed, threads, o, options);
        }

        /** Whether the search ranks mappings by the analytical model, whose figures the results give. */
        public boolean analytical() {
            return oracle.name().equals(CostOracles.DEFAULT);
        }
    }

    private final Settings settings;

    public NetworkMapper(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Settings settings() {
        return settings;
    }

    /** One seed per layer of the whole network: the root stream split once per layer, in order. */
    public static long[] layerSeeds(long root, int layers) {
        SplittableRandom r = new SplittableRandom(root);
        long[] seeds = new long[layers];
        for (int i = 0; i < layers; i++) {
            seeds[i] = r.split().nextLong();
        }
        return seeds;
    }

    /** Maps every layer of {@code network} with no constraints beyond the accelerator's own. */
    public NetworkResult map(Network network, Architecture arch) {
        return map(network, arch, w -> Constraints.NONE);
    }

    /** Maps every layer of {@code network}, each under the constraints {@code constraints} gives for its workload. */
    public NetworkResult map(Network network, Architecture arch, Function<Workload, Constraints> constraints) {
        return map(network, arch, constraints, all(network.layers()), Listener.NONE, CheckpointStore.NONE);
    }

    /**
     * Maps the layers of {@code network} at {@code selected}. Mapping declarations name its layers
     * {@code network.layer} ({@link LayerResult#target()}).
     *
     * @param constraints the constraints of each searched layer, given its workload; asked once per distinct shape
     *                    (a layer that reuses an earlier identical one reuses its constraints too)
     * @param selected    indices into the network's layers, in the order to map them, each at most once
     * @param listener    hears each layer's start, progress and end ({@link Listener#NONE} for nothing)
     * @param store       resumes finished layers and keeps new ones ({@link CheckpointStore#NONE} for nothing)
     * @throws UnmappableLayerException when a layer cannot be mapped; the layers before it are lost unless a store
     *                                  kept them
     */
    public NetworkResult map(Network network, Architecture arch, Function<Workload, Constraints> constraints,
                             List<Integer> selected, Listener listener, CheckpointStore store) {
        return run(network.layers(), l -> network.name() + "." + l.name(), arch, constraints, selected, listener, store);
    }

    /** Maps layers that belong to no network, with no constraints beyond the accelerator's own. */
    public NetworkResult map(List<Layer> layers, Architecture arch) {
        return map(layers, arch, w -> Constraints.NONE, all(layers), Listener.NONE, CheckpointStore.NONE);
    }

    /**
     * Maps the layers at {@code selected} of a list of layers that belong to no network; mapping declarations name
     * them by their own names.
     *
     * @param layers the layers, in order: a layer's place in the list chooses its seed
     * @see #map(Network, Architecture, Function, List, Listener, CheckpointStore)
     */
    public NetworkResult map(List<Layer> layers, Architecture arch, Function<Workload, Constraints> constraints,
                             List<Integer> selected, Listener listener, CheckpointStore store) {
        return run(List.copyOf(layers), Layer::name, arch, constraints, selected, listener, store);
    }

    private static List<Integer> all(List<Layer> layers) {
        return IntStream.range(0, layers.size()).boxed().toList();
    }

    private NetworkResult run(List<Layer> layers, Function<Layer, String> target, Architecture arch,
                              Function<Workload, Constraints> constraints, List<Integer> selected, Listener listener,
                              CheckpointStore store) {
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(constraints, "constraints");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(store, "store");
        check(selected, layers.size());
        long[] seeds = layerSeeds(settings.seed(), layers.size());
        LayerSearch search = new LayerSearch(settings, arch, listener, store);
        List<LayerResult> results = new ArrayList<>();
        Map<Workload, LayerResult> searched = new HashMap<>();
        for (int k = 0; k < selected.size(); k++) {
            // between layers too, so that a network whose layers all reuse earlier results stops as well
            Cancellation.current().check();
            int i = selected.get(k);
            Layer layer = layers.get(i);
            Listener.Step step = new Listener.Step(k, selected.size(), i, layer);
            Workload shape = layer.workload().withName("");
            LayerResult earlier = searched.get(shape);
            LayerResult r;
            if (earlier != null) {
                r = earlier.reusedBy(i, layer, target.apply(layer));
                listener.layerReused(step, r);
                store.writeLayer(r);
            } else {
                r = search.layer(step, target.apply(layer), constraints.apply(layer.workload()), seeds[i]);
                searched.put(shape, r);
            }
            results.add(r);
        }
        return new NetworkResult(results);
    }

    private static void check(List<Integer> selected, int layers) {
        BitSet seen = new BitSet(layers);
        for (Integer i : selected) {
            if (i == null || i < 0 || i >= layers) {
                throw new IllegalArgumentException("Layer index " + i + " is not one of the network's " + layers
                        + " layers; give indices from 0 to " + (layers - 1) + ".");
            }
            if (seen.get(i)) {
                throw new IllegalArgumentException("Layer index " + i + " is selected twice; select each layer once.");
            }
            seen.set(i);
        }
    }
}
