package org.mapwright.surrogate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.mapwright.arch.Architecture;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Workload;

/**
 * A surrogate's accuracy where it has not been trained: fresh mappings of
 * <ul>
 *   <li>{@code held_out_layers_builtin}: the held-out networks' layers on the family's built-in designs;</li>
 *   <li>{@code held_out_layers}: those layers on accelerators of the family with training sizes;</li>
 *   <li>{@code held_out_accelerators}: training-kind layers on accelerators with held-out sizes
 *       ({@link Family.Split#HELD_OUT}: mesh sides and capacities never drawn in training);</li>
 *   <li>{@code held_out_both}: held-out layers on held-out accelerator sizes.</li>
 * </ul>
 * Each set's samples come from seeds that training never uses (the given seed is mixed with a constant).
 */
public final class HeldOut {
    private static final long SALT = 0x5DEECE66DL;

    private HeldOut() {
    }

    /** The accuracy per set, in the order above. */
    public static Map<String, Metrics.Accuracy> evaluate(SurrogateModel model, int pairs, int perPair, long seed) {
        Family f = model.family();
        Map<String, Metrics.Accuracy> out = new LinkedHashMap<>();
        List<Workload> layers = new ArrayList<>();
        for (Layer l : LayerSampler.heldOutLayers()) {
            layers.add(l.workload().withName(l.name()));
        }
        List<Architecture> builtins = f.members().stream().map(Family::builtin).toList();
        out.put("held_out_layers_builtin", accuracy(model, DataGenerator.rows(f, layers, builtins, perPair, seed ^ SALT)));
        long s = seed ^ SALT;
        out.put("held_out_layers", accuracy(model, DataGenerator.rows(
                new DataGenerator.Settings(f, pairs, perPair, s + 1, 1, Family.Split.TRAIN, true))));
        out.put("held_out_accelerators", accuracy(model, DataGenerator.rows(
                new DataGenerator.Settings(f, pairs, perPair, s + 2, 1, Family.Split.HELD_OUT, false))));
        out.put("held_out_both", accuracy(model, DataGenerator.rows(
                new DataGenerator.Settings(f, pairs, perPair, s + 3, 1, Family.Split.HELD_OUT, true))));
        return out;
    }

    private static Metrics.Accuracy accuracy(SurrogateModel model, Dataset.Rows rows) {
        return Metrics.accuracy(model, rows, IntStream.range(0, rows.size()).boxed().toList());
    }
}
