package org.mapwright.netspace;

import java.util.Arrays;
import java.util.List;
import org.mapwright.workload.Network;

/**
 * A member of the OFA-MobileNetV3 space ({@link OfaSpace}): a canonical {@link OfaSubnet} and the genome it came
 * from. Equal exactly when the subnets are (the genome's inactive slots do not count).
 *
 * <p>The layer list is described in {@link OfaLayers}'s terms: stem, first block, the active blocks of five stages
 * with squeeze-excite on stages 2, 4 and 5, final expansion, feature mix and classifier.
 */
public final class OfaCandidate implements NetCandidate {
    private final OfaSubnet subnet;
    private final int[] genes;

    OfaCandidate(OfaSubnet subnet, int[] genes) {
        this.subnet = subnet.canonical();
        this.genes = genes.clone();
    }

    /** The candidate of a subnet, with 0 (the first choice) in the genes of slots its stages do not run. */
    public static OfaCandidate of(OfaSubnet s) {
        return new OfaCandidate(s, OfaSpace.genesOf(s));
    }

    /** The subnet, canonical (inactive slots hold 0). */
    public OfaSubnet subnet() {
        return subnet;
    }

    @Override
    public String spaceName() {
        return OfaSpace.NAME;
    }

    @Override
    public String key() {
        return subnet.key();
    }

    @Override
    public int[] genes() {
        return genes.clone();
    }

    @Override
    public Network network(String name) {
        return LayerCall.network(name, OfaLayers.layers(subnet));
    }

    @Override
    public String dsl(String name) {
        return LayerCall.dsl(name, "OFA-MobileNetV3 subnet (Once-for-All, Cai et al., ICLR 2020), width 1.2, batch 1:\n"
                + key(), OfaLayers.layers(subnet));
    }

    @Override
    public long macs() {
        return LayerCall.macs(OfaLayers.layers(subnet));
    }

    /** The keys of OFA's Samsung Note10 per-layer latency table ({@code note10_lut_<r>}) that this network sums. */
    public List<String> note10Keys() {
        return OfaLayers.note10Keys(subnet);
    }

    /** The 128 inputs of OFA's accuracy predictor ({@link OfaSubnet#features()}). */
    public float[] features() {
        return subnet.features();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OfaCandidate c && c.subnet.equals(subnet);
    }

    @Override
    public int hashCode() {
        return subnet.hashCode();
    }

    @Override
    public String toString() {
        return "ofa-mbv3 " + key() + " genes " + Arrays.toString(genes);
    }
}
