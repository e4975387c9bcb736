package org.mapwright.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mapwright.arch.Architecture;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.cost.Evaluation;
import org.mapwright.workload.Network;

/** Every file of the built-in library loads, and its contents are what the file names promise. */
class BuiltinLibraryTest {

    static List<Path> builtinFiles() throws IOException {
        try (Stream<Path> s = Files.walk(Path.of("workloads"))) {
            return s.filter(p -> p.toString().endsWith(".mw")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyBuiltinFileLoads() throws IOException {
        return builtinFiles().stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> {
            Library lib = Frontend.load(List.of(p));
            assertFalse(lib.templates().isEmpty() && lib.networks().isEmpty() && lib.accelerators().isEmpty()
                    && lib.mappings().isEmpty() && lib.spaces().isEmpty(), "declares nothing");
        }));
    }

    @Test
    void networksHaveTheExpectedSize() {
        Library lib = Frontend.load(List.of(Path.of("workloads/resnet50.mw"), Path.of("workloads/vgg16.mw"),
                Path.of("workloads/mobilenet_v2.mw"), Path.of("workloads/alexnet.mw"), Path.of("workloads/bert_base.mw")));
        // Published MAC counts: 4.09 G for ResNet-50 v1.5 (stride on the 3x3), which is 3 x 77,070,336 more than
        // the original form with the stride on the 1x1 branch2a used here; 15.47 G for VGG-16; about 300 M for
        // MobileNetV2. Padding changes input sizes, not MACs per output.
        Network rn50 = lib.networks().get("resnet50");
        assertEquals(4_089_184_256L - 3 * 77_070_336L, rn50.macs());
        assertEquals(15_470_264_320L, lib.networks().get("vgg16").macs());
        assertTrue(lib.networks().get("mobilenet_v2").macs() > 290_000_000L && lib.networks().get("mobilenet_v2").macs() < 320_000_000L);
        // 53 convolutions and the classifier
        assertEquals(54, rn50.layers().stream().mapToInt(l -> l.repeat()).sum());
    }

    @Test
    void eyerissExampleMappingEvaluates() {
        Library lib = Frontend.load(List.of(Path.of("workloads/examples/resnet50_res2a_branch2b_eyeriss.mw")));
        BoundMapping m = lib.mappings().get("res2a_branch2b_rs");
        Architecture a = m.architecture();
        assertEquals(168, a.computeInstances());
        assertEquals(55296, a.level(1).capacityWords());
        Evaluation e = new AnalyticalModel(m.workload(), a).evaluate(m.mapping());
        assertTrue(e.valid(), e.reason());
        // Timeloop v3.0.3 on the same mapping (reference case eyeriss_like/rn50_res2a_2b/m0)
        assertEquals(1204224, e.cycles());
        assertEquals(839472740.608, e.energyPj(), 839472740.608 * 1e-9);
    }
}
