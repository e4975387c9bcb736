package org.mapwright.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.mapwright.arch.Architecture;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.cost.Evaluation;
import org.mapwright.diag.Suggestions;
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.mapping.Mapping;
import org.mapwright.netmap.LayerResult;
import org.mapwright.netmap.NetworkMapper;
import org.mapwright.netmap.NetworkResult;
import org.mapwright.search.Cancellation;
import org.mapwright.search.Mappers;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;
import org.mapwright.workload.Workload;

/**
 * Mapwright for JVM compilers: one object, safe to share between threads, that finds networks and accelerators,
 * maps layers and networks, and evaluates mappings. Results are kept by exact key (the network or layer, the
 * accelerator and the options, all compared by value), the {@value #KEPT} most recent, so a request met again costs
 * nothing; a mapping depends only on its key, so a kept result is the one a new search would give.
 *
 * <pre>{@code
 * Mapwright mw = Mapwright.create();
 * NetworkResult r = mw.map(mw.network("resnet50"), mw.accelerator("eyeriss_like"),
 *         MapOptions.defaults().withEvaluations(5_000));
 * System.out.println(r.energyPj() + " pJ, " + r.cycles() + " cycles");
 * }</pre>
 *
 * Bad input is an {@link org.mapwright.diag.InputException} (a located message) or an
 * {@link IllegalArgumentException} that says what to give instead.
 *
 * <p>A map call runs under the calling thread's {@link Cancellation} token: run it as
 * {@code token.call(() -> mw.map(...))} and {@code token.cancel()} from another thread stops its search, the call
 * throws {@link org.mapwright.search.SearchCancelledException}, and nothing of it is kept.
 */
public final class Mapwright {
    /** Results kept. */
    public static final int KEPT = 1024;

    /** The networks of the built-in library. */
    public static final List<String> BUILTIN_NETWORKS = List.of("resnet50", "vgg16", "mobilenet_v2", "alexnet",
            "bert_base");
    /** The accelerators of the built-in library. */
    public static final List<String> BUILTIN_ACCELERATORS = List.of("eyeriss_like", "simple_ws", "simple_os",
            "simba_like", "nvdla_like");

    private record Key(Object what, Architecture arch, MapOptions options) {
    }

    /** The key of one layer mapped in its place in a network. */
    private record LayerOf(Network network, String layer) {
    }

    private final int kept;

    private final Map<Key, NetworkResult> results = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, NetworkResult> eldest) {
            return size() > kept;
        }
    };
    private long hits;
    private long misses;

    /** Built-in networks and accelerators, read once: they are immutable values. */
    private final Map<String, Object> builtins = new ConcurrentHashMap<>();

    private Mapwright(int kept) {
        this.kept = kept;
    }

    /** A new instance with an empty result cache that keeps the {@value #KEPT} most recent results. */
    public static Mapwright create() {
        return new Mapwright(KEPT);
    }

    /** A new instance with an empty result cache that keeps the {@code kept} most recent results (0: none). */
    public static Mapwright create(int kept) {
        if (kept < 0) {
            throw new IllegalArgumentException("Give a cache of at least 0 results, got " + kept + ".");
        }
        return new Mapwright(kept);
    }

    /** The version of this build ({@code dev} when run from classes). */
    public static String version() {
        String v = Mapwright.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The mappers available, by name. */
    public static List<String> mappers() {
        return new ArrayList<>(Mappers.all().keySet());
    }

    /**
     * A network: a built-in name, an ONNX model ({@code .onnx}: its Conv, Gemm and MatMul nodes, see
     * {@link org.mapwright.onnx.OnnxImport}), or a DSL file ({@code .mw}) that declares exactly one network, or
     * {@code FILE.mw:NAME} for one of several.
     */
    public Network network(String nameOrFile) {
        Objects.requireNonNull(nameOrFile, "nameOrFile");
        if (BUILTIN_NETWORKS.contains(nameOrFile)) {
            return (Network) builtins.computeIfAbsent("network " + nameOrFile,
                    k -> Frontend.loadBuiltin(nameOrFile + ".mw").networks().get(nameOrFile));
        }
        if (org.mapwright.onnx.OnnxImport.isOnnx(nameOrFile)) {
            // the operators that are not layers are left out, as the command line reports
            return org.mapwright.onnx.OnnxImport.read(Path.of(nameOrFile)).network();
        }
        return one(nameOrFile, "network", Library::networks);
    }

    /**
     * An accelerator: a built-in name, or a DSL file that declares exactly one accelerator, or
     * {@code FILE.mw:NAME} for one of several.
     */
    public Architecture accelerator(String nameOrFile) {
        Objects.requireNonNull(nameOrFile, "nameOrFile");
        if (BUILTIN_ACCELERATORS.contains(nameOrFile)) {
            return (Architecture) builtins.computeIfAbsent("accelerator " + nameOrFile,
                    k -> Frontend.loadBuiltin(nameOrFile + ".mw").accelerators().get(nameOrFile));
        }
        return one(nameOrFile, "accelerator", Library::accelerators);
    }

    /** Everything a DSL text declares (its includes resolved against the working folder and the built-ins). */
    public Library load(String name, String text) {
        return Frontend.loadText(name, text);
    }

    private static <T> T one(String spec, String what, java.util.function.Function<Library, Map<String, T>> pick) {
        String file = spec;
        String name = null;
        int colon = spec.lastIndexOf(':');
        if (colon > 0 && !Files.isRegularFile(Path.of(spec))) {
            file = spec.substring(0, colon);
            name = spec.substring(colon + 1);
        }
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("There is no built-in " + what + " `" + spec + "` and no such file; the "
                    + "built-in " + what + "s are " + String.join(", ", what.equals("network") ? BUILTIN_NETWORKS
                    : BUILTIN_ACCELERATORS) + ".");
        }
        Map<String, T> all = pick.apply(Frontend.load(List.of(p)));
        if (name != null) {
            T t = all.get(name);
            if (t == null) {
                throw new IllegalArgumentException(file + " declares no " + what + " `" + name + "`; it declares "
                        + String.join(", ", all.keySet()) + ".");
            }
            return t;
        }
        if (all.size() != 1) {
            throw new IllegalArgumentException(file + " declares " + all.size() + " " + what + "s; name one as "
                    + file + ":NAME.");
        }
        return all.values().iterator().next();
    }

    /** Maps every layer of {@code network} onto {@code arch}, as {@code mapwright map} does with these options. */
    public NetworkResult map(Network network, Architecture arch, MapOptions options) {
        Key key = new Key(network, arch, options);
        NetworkResult kept = kept(key);
        if (kept != null) {
            return kept;
        }
        NetworkResult r = new NetworkMapper(options.settings()).map(network, arch, w -> options.constraints());
        keep(key, r);
        return r;
    }

    /** Maps one layer onto {@code arch} (as the only layer of a network: its seed is the root's first split). */
    public LayerResult map(Workload layer, Architecture arch, MapOptions options) {
        Key key = new Key(layer, arch, options);
        NetworkResult kept = kept(key);
        if (kept == null) {
            kept = new NetworkMapper(options.settings()).map(List.of(new Layer(layer.name(), layer, 1)), arch,
                    w -> options.constraints(), List.of(0), org.mapwright.netmap.Listener.NONE,
                    org.mapwright.netmap.CheckpointStore.NONE);
            keep(key, kept);
        }
        return kept.layers().get(0);
    }

    /**
     * Maps the layer called {@code layer} of {@code network} alone, as {@code mapwright map --layer} does: its seed is
     * split from the root seed by its place in the network, so it is mapped exactly as in the whole network (unless
     * the whole network reuses an earlier identical layer's result for it).
     */
    public LayerResult map(Network network, String layer, Architecture arch, MapOptions options) {
        Objects.requireNonNull(layer, "layer");
        int index = -1;
        for (int i = 0; i < network.layers().size() && index < 0; i++) {
            if (network.layers().get(i).name().equals(layer)) {
                index = i;
            }
        }
        if (index < 0) {
            throw new IllegalArgumentException("Network " + network.name() + " has no layer `" + layer + "`"
                    + Suggestions.hint(layer, network.layers().stream().map(Layer::name).toList()));
        }
        Key key = new Key(new LayerOf(network, layer), arch, options);
        NetworkResult kept = kept(key);
        if (kept == null) {
            kept = new NetworkMapper(options.settings()).map(network, arch, w -> options.constraints(), List.of(index),
                    org.mapwright.netmap.Listener.NONE, org.mapwright.netmap.CheckpointStore.NONE);
            keep(key, kept);
        }
        return kept.layers().get(0);
    }

    /**
     * Maps the layers at {@code selected} of {@code network} with every setting the command line has: the network
     * mapper's own settings (a cost oracle such as Timeloop, a time budget), each layer's constraints, progress and
     * checkpoints. Not kept: an expensive oracle or a time budget does not make a result a function of its key.
     * {@code mapwright map} runs this.
     *
     * @throws org.mapwright.netmap.UnmappableLayerException when a layer has no legal mapping
     */
    public NetworkResult map(Network network, Architecture arch, NetworkMapper.Settings settings,
                             java.util.function.Function<Workload, org.mapwright.mapspace.Constraints> constraints,
                             List<Integer> selected, org.mapwright.netmap.Listener listener,
                             org.mapwright.netmap.CheckpointStore store) {
        return new NetworkMapper(settings).map(network, arch, constraints, selected, listener, store);
    }

    /** As {@link #map(Network, Architecture, NetworkMapper.Settings, java.util.function.Function, List,
     * org.mapwright.netmap.Listener, org.mapwright.netmap.CheckpointStore)}, for layers of no network. */
    public NetworkResult map(List<Layer> layers, Architecture arch, NetworkMapper.Settings settings,
                             java.util.function.Function<Workload, org.mapwright.mapspace.Constraints> constraints,
                             List<Integer> selected, org.mapwright.netmap.Listener listener,
                             org.mapwright.netmap.CheckpointStore store) {
        return new NetworkMapper(settings).map(layers, arch, constraints, selected, listener, store);
    }

    /** The cost of one given mapping of {@code layer} on {@code arch}, by the analytical model. */
    public Evaluation evaluate(Workload layer, Architecture arch, Mapping mapping) {
        return new AnalyticalModel(layer, arch).evaluate(mapping);
    }

    /** Results answered from the cache, and searched, since this instance was made. */
    public synchronized long[] cacheCounts() {
        return new long[] {hits, misses};
    }

    /** How many results are kept now (at most the size given to {@link #create(int)}). */
    public synchronized int keptResults() {
        return results.size();
    }

    private synchronized NetworkResult kept(Key key) {
        NetworkResult r = results.get(key);
        if (r != null) {
            hits++;
        } else {
            misses++;
        }
        return r;
    }

    private synchronized void keep(Key key, NetworkResult r) {
        results.put(key, r);
    }
}
