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
 * The learned cost predictor: a {@link Regressor} from a layer's shape and an accelerator's parameters
 * ({@link Features}) to the natural logs of the layer's energy and cycles as the inner mapper finds them; a network's
 * cost is the sum of its layers' predicted costs times repeats. It takes the network (through its layers) and the
 * accelerator's parameters, so it serves accelerators it never saw. Predictions are cached per (accelerator, shape)
 * and computed in one batch per network. Thread-safe.
 */
public final class LearnedCost implements CostModel {
    private record Key(org.mapwright.arch.Architecture arch, Workload shape) {
    }

    private final Regressor model;
    private final Map<Key, double[]> cache = new ConcurrentHashMap<>();

    public LearnedCost(Regressor model) {
        this.model = Objects.requireNonNull(model, "model");
        if (model.outputs() != 2) {
            throw new IllegalArgumentException("A cost predictor has two outputs (ln energy, ln cycles); this model has "
                    + model.outputs() + ".");
        }
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
        int hw = Features.hardwareLength(target.arch());
        if (Features.LAYER + hw != model.inputs()) {
            throw new IllegalArgumentException("The cost predictor was trained on accelerators with "
                    + (model.inputs() - Features.LAYER) + " parameters, but " + target.arch().name() + " has " + hw
                    + " (its number of storage levels differs); train a predictor for this accelerator family.");
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
            Optional<float[]> f = Features.layer(w);
            if (f.isPresent()) {
                known.add(w);
                rows.add(f.get());
            }
        }
        int nf = model.inputs();
        float[] x = new float[rows.size() * nf];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, x, r * nf, Features.LAYER);
            System.arraycopy(hw, 0, x, r * nf + Features.LAYER, hw.length);
        }
        float[] y = model.predict(x, rows.size());
        for (int r = 0; r < known.size(); r++) {
            cache.put(new Key(target.arch(), known.get(r)), new double[] {Math.exp(y[2 * r]), Math.exp(y[2 * r + 1])});
        }
    }
}
