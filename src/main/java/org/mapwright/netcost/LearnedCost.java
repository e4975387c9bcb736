package org.mapwright.netcost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mapwright.nn.Regressor;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;
import org.mapwright.workload.Workload;

/**
 * The learned cost predictor: a {@link Regressor} (or an ensemble of them, averaged) from a layer's shape and an accelerator's parameters
 * ({@link Features}) to the layer's energy and cycles as the inner mapper finds them (as {@link Features#targets}); a network's
 * cost is the sum of its layers' predicted costs times repeats. It takes the network (through its layers) and the
 * accelerator's parameters, so it serves accelerators it never saw. Predictions are cached per (accelerator, shape)
 * and computed in one batch per network. Thread-safe.
 */
public final class LearnedCost implements CostModel {
    private record Key(org.mapwright.arch.Architecture arch, Workload shape) {
    }

    /** Name of the file that lists an ensemble's members in a saved predictor's folder. */
    public static final String ENSEMBLE = "ensemble.json";

    private final Regressor model;
    private final List<Regressor> members;
    private final Map<Key, double[]> cache = new ConcurrentHashMap<>();

    public LearnedCost(Regressor model) {
        this(List.of(model));
    }

    /** An ensemble: the members' outputs (logs of cost per MAC and of inverse utilisation) are averaged. */
    public LearnedCost(List<Regressor> members) {
        this.members = List.copyOf(members);
        if (this.members.isEmpty()) {
            throw new IllegalArgumentException("A cost predictor needs at least one model.");
        }
        this.model = this.members.get(0);
        for (Regressor m : this.members) {
            if (m.outputs() != 2 || m.inputs() != model.inputs()) {
                throw new IllegalArgumentException("A cost predictor's models have two outputs (ln energy, ln cycles) "
                        + "and the same inputs; this one has " + m.outputs() + " outputs and " + m.inputs() + " inputs.");
            }
        }
    }

    /** The ensemble's members (one for a single model). */
    public List<Regressor> members() {
        return members;
    }

    /** Saves the predictor: one model as a {@link Regressor} folder, an ensemble as member-K folders and {@value #ENSEMBLE}. */
    public void save(java.nio.file.Path dir) throws java.io.IOException {
        if (members.size() == 1) {
            model.save(dir);
            return;
        }
        for (int i = 0; i < members.size(); i++) {
            members.get(i).save(dir.resolve("member-" + i));
        }
        org.mapwright.files.AtomicFiles.write(dir.resolve(ENSEMBLE), "{\"members\": " + members.size() + "}\n");
    }

    @Override
    public String name() {
        return "learned";
    }

    public Regressor model() {
        return model;
    }

    @Override
    public NetCost cost(Network network, Target target) {
        return costs(List.of(network), target).get(0);
    }

    @Override
    public List<NetCost> costs(List<Network> networks, Target target) {
        int len = Features.rowLength(target.arch());
        if (len != model.inputs()) {
            throw new IllegalArgumentException("The cost predictor was trained on accelerators with a different number "
                    + "of storage levels than " + target.arch().name() + " (" + model.inputs() + " inputs, this one "
                    + "needs " + len + "); train a predictor for this accelerator family.");
        }
        Map<Workload, Layer> missing = new LinkedHashMap<>();
        for (Network n : networks) {
            for (Layer l : n.layers()) {
                Workload shape = l.workload().withName("");
                if (!cache.containsKey(new Key(target.arch(), shape))) {
                    missing.putIfAbsent(shape, l);
                }
            }
        }
        if (!missing.isEmpty()) {
            predict(new ArrayList<>(missing.keySet()), target);
        }
        List<NetCost> out = new ArrayList<>(networks.size());
        for (Network n : networks) {
            double e = 0;
            double c = 0;
            String problem = "";
            for (Layer l : n.layers()) {
                double[] p = cache.get(new Key(target.arch(), l.workload().withName("")));
                if (p == null) {
                    problem = "The cost predictor knows conv2d, depthwise_conv2d, matmul and batched_matmul layers; "
                            + "layer " + l.name() + " is none of these.";
                    break;
                }
                e += p[0] * l.repeat();
                c += p[1] * l.repeat();
            }
            out.add(problem.isEmpty() ? NetCost.of(e, c) : NetCost.unmappable(problem));
        }
        return out;
    }

    private void predict(List<Workload> shapes, Target target) {
        float[] hw = Features.hardware(target.arch());
        List<Workload> known = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        for (Workload w : shapes) {
            Optional<float[]> f = Features.row(w, target.arch(), hw);
            if (f.isPresent()) {
                known.add(w);
                rows.add(f.get());
            }
        }
        int nf = model.inputs();
        float[] x = new float[rows.size() * nf];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, x, r * nf, nf);
        }
        float[] y = new float[rows.size() * 2];
        for (Regressor m : members) {
            float[] p = m.predict(x, rows.size());
            for (int i = 0; i < y.length; i++) {
                y[i] += p[i] / members.size();
            }
        }
        for (int r = 0; r < known.size(); r++) {
            cache.put(new Key(target.arch(), known.get(r)), Features.costs(known.get(r), target.arch(), y[2 * r], y[2 * r + 1]));
        }
    }
}
