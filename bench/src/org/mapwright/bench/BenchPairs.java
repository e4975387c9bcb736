package org.mapwright.bench;

import java.nio.file.Path;
import java.util.List;
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.timeloop.TimeloopLoader;
import org.mapwright.timeloop.TimeloopInputs;

/** The (design, layer) pairs the benchmarks compare with Timeloop, and the pair they warm the JIT up on. */
final class BenchPairs {
    private BenchPairs() {
    }

    /**
     * The mapspace of a reference pair under the constraints Timeloop's mapper obeyed: the reference set's problem,
     * architecture and ERT, and the pair's {@code mapper/ARCH/LAYER/constraints.yaml}.
     */
    static Mapspace reference(Path ref, String arch, String layer) {
        TimeloopInputs in = TimeloopLoader.load(List.of(ref.resolve("inputs/problems/" + layer + ".yaml"),
                ref.resolve("inputs/arch/" + arch + ".yaml"), ref.resolve("inputs/ert/" + arch + ".yaml"),
                ref.resolve("mapper/" + arch + "/" + layer + "/constraints.yaml")), false);
        return new Mapspace(in.workload(), in.architecture(), in.constraints());
    }

    /** A built-in pair no benchmark compares (a MobileNetV2 layer on the Simba-like design), for warming up. */
    static Mapspace warmUp() {
        Library lib = Frontend.load(List.of(Path.of("workloads/mobilenet_v2.mw"), Path.of("workloads/simba_like.mw")));
        return new Mapspace(lib.networks().get("mobilenet_v2").layers().get(3).workload(),
                lib.accelerators().get("simba_like"), Constraints.NONE);
    }
}
