package org.mapwright.netcost;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.mapwright.netmap.CheckpointStore;
import org.mapwright.netmap.Listener;
import org.mapwright.netmap.NetworkMapper;
import org.mapwright.netmap.NetworkResult;
import org.mapwright.netmap.UnmappableLayerException;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;
import org.mapwright.workload.Workload;

/**
 * The exact cost of a network: every distinct layer shape mapped by the inner mapper ({@link NetworkMapper} with the
 * given settings) and the network's cost summed over its layers times repeats. Layer costs are cached per (target,
 * layer shape), and a shape's search seed is split from the root seed by the shape itself (not by its place in a
 * network), so a layer costs the same in every network, on every call and in every order. Thread-safe: concurrent
 * callers that need the same (target, shape) wait for one search.
 */
public final class ExactCost implements CostModel {

    /** The cost of one run of one layer shape on one target, or why it cannot be mapped. */
    public record LayerCost(double energyPj, long cycles, String problem) {
        public boolean mappable() {
            return problem.isEmpty();
        }
    }

    private record Key(Target target, Workload shape) {
    }

    private final NetworkMapper.Settings settings;
    private final int parallel;
    private final Map<Key, CompletableFuture<LayerCost>> cache = new ConcurrentHashMap<>();
    private final AtomicLong searches = new AtomicLong();

    /** Layers mapped with these settings; their root seed is split per layer shape. */
    public ExactCost(NetworkMapper.Settings settings) {
        this(settings, 1);
    }

    /**
     * Layers mapped with these settings, and up to {@code parallel} distinct layers of a batch of networks
     * ({@link #costs}) mapped at once (each layer's search then runs on the settings' threads).
     */
    public ExactCost(NetworkMapper.Settings settings, int parallel) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (parallel < 1) {
            throw new IllegalArgumentException("Map at least one layer at a time, got " + parallel + ".");
        }
        this.parallel = parallel;
    }

    @Override
    public List<NetCost> costs(List<Network> networks, Target target) {
        if (parallel > 1) {
            List<Workload> missing = networks.stream().flatMap(n -> n.layers().stream())
                    .map(l -> l.workload().withName("")).distinct().filter(w -> !cached(w, target)).toList();
            if (missing.size() > 1) {
                java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(parallel);
                try {
                    pool.submit(() -> missing.parallelStream().forEach(w -> layer(w, target))).join();
                } finally {
                    pool.shutdown();
                }
            }
        }
        return CostModel.super.costs(networks, target);
    }

    @Override
    public String name() {
        return "exact";
    }

    public NetworkMapper.Settings settings() {
        return settings;
    }

    /** Layer searches run so far (cache misses). */
    public long searches() {
        return searches.get();
    }

    @Override
    public NetCost cost(Network network, Target target) {
        double energy = 0;
        double cycles = 0;
        for (Layer l : network.layers()) {
            LayerCost c = layer(l.workload(), target);
            if (!c.mappable()) {
                return NetCost.unmappable("Layer " + l.name() + " of " + network.name() + ": " + c.problem());
            }
            energy += c.energyPj() * l.repeat();
            cycles += (double) c.cycles() * l.repeat();
        }
        return NetCost.of(energy, cycles);
    }

    /** The cost of one run of a layer shape on a target (searched once per (target, shape)). */
    public LayerCost layer(Workload workload, Target target) {
        Workload shape = workload.withName("");
        Key k = new Key(target, shape);
        CompletableFuture<LayerCost> mine = new CompletableFuture<>();
        CompletableFuture<LayerCost> f = cache.putIfAbsent(k, mine);
        if (f != null) {
            return f.join();
        }
        try {
            LayerCost c = search(shape, target);
            mine.complete(c);
            return c;
        } catch (RuntimeException | Error e) {
            cache.remove(k, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Whether a (target, shape) cost is already known. */
    public boolean cached(Workload workload, Target target) {
        CompletableFuture<LayerCost> f = cache.get(new Key(target, workload.withName("")));
        return f != null && f.isDone();
    }

    private LayerCost search(Workload shape, Target target) {
        searches.incrementAndGet();
        NetworkMapper mapper = new NetworkMapper(settings.withSeed(shapeSeed(settings.seed(), shape)));
        List<Layer> one = List.of(new Layer("layer", shape.withName("layer"), 1));
        try {
            NetworkResult r = mapper.map(one, target.arch(), target.constraints(), List.of(0), Listener.NONE,
                    CheckpointStore.NONE);
            var e = r.layers().get(0).evaluation();
            return new LayerCost(e.energyPj(), e.cycles(), "");
        } catch (UnmappableLayerException e) {
            return new LayerCost(Double.NaN, 0, e.getMessage());
        }
    }

    /** The search seed of a layer shape: the root seed mixed with a stable hash of the shape. */
    public static long shapeSeed(long root, Workload shape) {
        return textSeed(root, shape.withName("") + "|" + shape.coefficients() + "|" + shape.tensors());
    }

    /**
     * A seed split from {@code root} by a text (a layer shape, a design's key): the same in every run and JVM, so
     * whatever the text names is searched alike whenever and wherever it is searched.
     */
    public static long textSeed(long root, String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return new SplittableRandom(root ^ h).nextLong();
    }
}
