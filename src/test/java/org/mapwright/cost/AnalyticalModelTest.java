package org.mapwright.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mapwright.cost.Fixtures.lm;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mapwright.mapping.Mapping;

class AnalyticalModelTest {

    /**
     * Eyeriss-like, ResNet-50 res2a_2b, mapping m0 of the reference set. Expected numbers are Timeloop v3.0.3's
     * (reference case eyeriss_like/rn50_res2a_2b/m0); the comments derive the main ones by hand.
     */
    @Test
    void eyerissRes2a2bMatchesTimeloop() {
        Mapping m = new Mapping(List.of(
                lm("DRAM", "Weights Inputs Outputs", "C=2 P=2 M=2 Q=2", "", ""),
                lm("shared_glb", "Inputs Outputs", "C=8 Q=14 P=7", "M=8", ""),
                lm("DummyBuffer", "", "", "", "C=4 S=3"),
                lm("ifmap_spad", "Inputs", "P=2", "", ""),
                lm("weights_spad", "Weights", "", "", ""),
                lm("psum_spad", "Outputs", "R=3 M=4 P=2 Q=2", "", "")));
        Evaluation e = new AnalyticalModel(Fixtures.conv("res2a_2b", 64, 64, 3, 3, 56, 56, 1), Fixtures.eyerissLike())
                .evaluate(m);
        assertTrue(e.valid(), e.reason());
        assertEquals(1204224, e.cycles());
        assertEquals(839472740.608, e.energyPj(), 839472740.608 * 1e-9);
        // 7 relevant-or-not DRAM/GLB loops above the ifmap spad: 2*2*2*2*8*14 outer steps, then the innermost
        // relevant loop P7 slides a 6x2 window by 4 columns: 12 + 6 * 8 = 60 words per sweep.
        TensorStats ifmap = e.level("ifmap_spad").orElseThrow().tensors().get("Inputs");
        assertEquals(1792L * 60, ifmap.fills());
        assertEquals(96, ifmap.instances());
        // The GLB serves 12 distinct tiles (C4 x S3) per step; M8 is a multicast.
        TensorStats glbIn = e.level("shared_glb").orElseThrow().tensors().get("Inputs");
        assertEquals(1290240, glbIn.reads());
        assertEquals(445440, glbIn.fills());
        TensorStats glbOut = e.level("shared_glb").orElseThrow().tensors().get("Outputs");
        assertEquals(3211264, glbOut.updates());
        assertEquals(3010560, glbOut.reads());
        assertEquals(200704, glbOut.fills());
        TensorStats psum = e.level("psum_spad").orElseThrow().tensors().get("Outputs");
        assertEquals(1179136, psum.reads());
        assertEquals(376320, psum.fills());
        assertEquals(1204224, psum.updates());
        TensorStats dramW = e.level("DRAM").orElseThrow().tensors().get("Weights");
        assertEquals(147456, dramW.reads());
        TensorStats w = e.level("weights_spad").orElseThrow().tensors().get("Weights");
        assertEquals(1536, w.fills());
        assertEquals(1204224, w.reads());
    }

    @Test
    void capacityViolationIsAValue() {
        Mapping m = new Mapping(List.of(
                lm("DRAM", "Weights Inputs Outputs", "C=2 P=2 M=2 Q=2", "", ""),
                lm("shared_glb", "Inputs Outputs", "C=8 Q=14 P=7", "M=4", ""),
                lm("DummyBuffer", "", "", "", "C=4 S=3"),
                lm("ifmap_spad", "Inputs", "P=2", "", ""),
                lm("weights_spad", "Weights", "", "", ""),
                lm("psum_spad", "Outputs", "R=3 M=8 P=2 Q=2", "", "")));
        Evaluation e = new AnalyticalModel(Fixtures.conv("res2a_2b", 64, 64, 3, 3, 56, 56, 1), Fixtures.eyerissLike())
                .evaluate(m);
        assertFalse(e.valid());
        assertEquals(Violation.Kind.CAPACITY, e.violations().get(0).kind());
        assertEquals("psum_spad", e.violations().get(0).level());
        assertEquals(32, e.violations().get(0).requested());
        assertEquals(16, e.violations().get(0).available());
    }
}
