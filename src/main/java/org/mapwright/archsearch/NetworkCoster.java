package org.mapwright.archsearch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.mapwright.arch.Architecture;
import org.mapwright.mapspace.Constraints;
import org.mapwright.netmap.LayerResult;
import org.mapwright.netmap.NetworkMapper;
import org.mapwright.netmap.NetworkResult;
import org.mapwright.netmap.UnmappableLayerException;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;
import org.mapwright.workload.Workload;

/**
 * Scores designs by their network EDP: every layer mapped by the inner mapper through {@link NetworkMapper} (the
 * same per-layer seeds for every design, so that designs are compared on equal terms and a design's score does not
 * depend on when or where it is scored), energy and cycles summed over layers times repeats. Costs are cached per
 * (accelerator, constraints, layer shape), so a design, a baseline or a layer shape met again is not mapped again.
 * Thread-safe.
 */
public final class NetworkCoster implements Function<Design, Scored> {

    /** Energy and cycles of one run of a layer. */
    private record LayerCost(double energyPj, long cycles) {
    }

    private record Key(Architecture arch, String constraints, Workload shape) {
    }

    private final Network network;
    private final NetworkMapper mapper;
    private final Map<Key, LayerCost> cache = new ConcurrentHashMap<>();

    public NetworkCoster(Network network, NetworkMapper.Settings inner) {
        this.network = Objects.requireNonNull(network, "network");
        this.mapper = new NetworkMapper(inner);
    }

    public Network network() {
        return network;
    }

    public NetworkMapper.Settings inner() {
        return mapper.settings();
    }

    @Override
    public Scored apply(Design d) {
        return score(d, d.architecture(), "none", w -> Constraints.NONE);
    }

    /**
     * The score of {@code arch} mapped under {@code constraints} (named {@code constraintsName} for the cache),
     * with {@code d}'s key and resource use.
     */
    Scored score(Design d, Architecture arch, String constraintsName, Function<Workload, Constraints> constraints) {
        List<Layer> layers = network.layers();
        List<Integer> todo = new ArrayList<>();
        List<Workload> pending = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Workload shape = layers.get(i).workload().withName("");
            if (!cache.containsKey(new Key(arch, constraintsName, shape)) && !pending.contains(shape)) {
                todo.add(i);
                pending.add(shape);
            }
        }
        if (!todo.isEmpty()) {
            NetworkResult r;
            try {
                r = mapper.map(network, arch, constraints, todo, org.mapwright.netmap.Listener.NONE,
                        org.mapwright.netmap.CheckpointStore.NONE);
            } catch (UnmappableLayerException e) {
                return new Scored(d.key(), 0, List.of(e.getMessage()), Double.NaN, 0, Double.NaN, d.areaMm2(),
                        d.computeUnits(), d.onChipBytes());
            }
            for (LayerResult lr : r.layers()) {
                cache.put(new Key(arch, constraintsName, lr.layer().workload().withName("")),
                        new LayerCost(lr.evaluation().energyPj(), lr.evaluation().cycles()));
            }
        }
        double energy = 0;
        long cycles = 0;
        for (Layer l : layers) {
            LayerCost c = cache.get(new Key(arch, constraintsName, l.workload().withName("")));
            energy += c.energyPj() * l.repeat();
            cycles = Math.addExact(cycles, Math.multiplyExact(c.cycles(), (long) l.repeat()));
        }
        return new Scored(d.key(), 0, List.of(), energy, cycles, org.mapwright.cost.Cost.edp(energy, cycles),
                d.areaMm2(), d.computeUnits(), d.onChipBytes());
    }

    /** Maps the whole network onto {@code arch} for the final report: every layer's mapping and evaluation. */
    public NetworkResult mapAll(Architecture arch, Function<Workload, Constraints> constraints) {
        return mapper.map(network, arch, constraints);
    }
}
