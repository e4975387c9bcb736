package org.mapwright.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.mapwright.archspace.ArchSpace;
import org.mapwright.dsl.AcceleratorWriter;
import org.mapwright.netcost.Target;
import org.mapwright.netspace.OfaSpace;
import org.mapwright.testing.TinyPredictor;
import org.mapwright.workload.Network;

/** Accelerators and networks of the network-search tests: a design of the tiny space and a few OFA subnets. */
final class NetTargets {
    /** The name of the accelerator {@link #writeAccelerator} declares. */
    static final String ARCH = "tiny_acc";

    private NetTargets() {
    }

    /** The design at the middle of every parameter's range. */
    static Target middle(ArchSpace space) {
        double[] mid = new double[space.dimensions()];
        Arrays.fill(mid, 0.5);
        return Target.of(space.decode(mid).architecture());
    }

    /** Writes the tiny space's middle design as {@code dir/tiny_acc.mw}, an accelerator called {@value #ARCH}. */
    static Path writeAccelerator(Path dir) throws IOException {
        Path f = dir.resolve(ARCH + ".mw");
        Files.writeString(f, AcceleratorWriter.write(middle(TinyPredictor.space()).arch().withName(ARCH)));
        return f;
    }

    /** {@code k} random OFA-MobileNetV3 subnets (seeded). */
    static List<Network> networks(int k) {
        SplittableRandom rnd = new SplittableRandom(17);
        OfaSpace s = new OfaSpace();
        List<Network> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out.add(s.random(rnd).network("n" + i));
        }
        return out;
    }
}
