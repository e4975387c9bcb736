package org.mapwright.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.mapwright.api.Mapwright;
import org.mapwright.mapspace.Constraints;
import org.mapwright.netmap.CheckpointStore;
import org.mapwright.netmap.NetworkMapper;
import org.mapwright.netmap.NetworkResult;
import org.mapwright.netmap.UnmappableLayerException;
import org.mapwright.workload.Network;
import org.mapwright.workload.Workload;

/**
 * How {@code mapwright map} runs the library ({@link Mapwright}) on its inputs: the constraints of each layer
 * come from {@link MapInputs} (with the Timeloop readers' warnings on stderr), progress goes to stderr
 * ({@link MapProgress}), checkpoints and mapping files to {@code --out} ({@link MapOutputs}), and a layer that
 * cannot be mapped is bad input located at the layer.
 */
final class NetworkMapping {
    private NetworkMapping() {
    }

    /** One seed per layer of the whole network, as the library splits them ({@link NetworkMapper#layerSeeds}). */
    static long[] layerSeeds(long root, int layers) {
        return NetworkMapper.layerSeeds(root, layers);
    }

    /**
     * Maps the layers at {@code selected} (indices into the network, in order).
     *
     * @param live whether stderr is a terminal, so that a progress bar can redraw one line
     */
    static NetworkResult run(MapInputs in, NetworkMapper.Settings s, Optional<MapOutputs> out, PrintWriter err,
                             boolean live, List<Integer> selected) {
        Function<Workload, Constraints> constraints = w -> {
            Constraints c = in.constraintsFor(w);
            in.newWarnings().forEach(x -> err.println(x.format()));
            return c;
        };
        MapProgress progress = new MapProgress(err, live, s.objective());
        CheckpointStore store = out.map(o -> o.store(in, err)).orElse(CheckpointStore.NONE);
        Mapwright mw = Mapwright.create();
        try {
            return in.network().isPresent()
                    ? mw.map(new Network(in.network().get(), in.layers()), in.architecture(), s, constraints,
                            selected, progress, store)
                    : mw.map(in.layers(), in.architecture(), s, constraints, selected, progress, store);
        } catch (UnmappableLayerException e) {
            throw MapInputs.badInput(e.location(), e.reason());
        } finally {
            progress.clear();
        }
    }
}
