package org.mapwright.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.StorageLevel;
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.mapping.LevelMapping;
import org.mapwright.mapping.Loop;
import org.mapwright.mapping.Mapping;
import org.mapwright.testing.RandomMappings;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.Workload;

/**
 * Invariants of the model over random valid mappings of built-in layers on built-in accelerators. Seeded: a
 * failure names its seed and layer, and rerunning gives the same mappings.
 */
class ModelPropertiesTest {
    static final long SEED = 20261126L;
    static final int PER_CASE = 150;

    record Case(Workload w, Architecture a) {
    }

    static List<Case> cases() {
        Library lib = Frontend.load(List.of(Path.of("workloads/resnet50.mw"), Path.of("workloads/mobilenet_v2.mw"),
                Path.of("workloads/eyeriss_like.mw"), Path.of("workloads/simple_ws.mw"), Path.of("workloads/simple_os.mw"),
                Path.of("workloads/simba_like.mw"), Path.of("workloads/nvdla_like.mw")));
        List<Workload> layers = List.of(
                lib.networks().get("resnet50").layer("conv1").orElseThrow().workload(),
                lib.networks().get("resnet50").layer("res3a_branch2b").orElseThrow().workload(),
                lib.networks().get("resnet50").layer("res4a_branch1").orElseThrow().workload(),
                lib.networks().get("mobilenet_v2").layer("b3_1_dw").orElseThrow().workload());
        List<Case> out = new ArrayList<>();
        for (Architecture a : lib.accelerators().values()) {
            for (Workload w : layers) {
                out.add(new Case(w, a));
            }
        }
        return out;
    }

    /** Random valid mappings of a case; deterministic for a seed. */
    static List<Mapping> valid(Case c, SplittableRandom rnd, int n) {
        AnalyticalModel model = new AnalyticalModel(c.w(), c.a());
        Workspace ws = model.newWorkspace();
        List<Mapping> out = new ArrayList<>();
        for (int tries = 0; out.size() < n && tries < 200_000; tries++) {
            Mapping m = RandomMappings.sample(c.w(), c.a(), rnd);
            if (model.evaluate(LoopNest.of(m, model.spec()), ws)) {
                out.add(m);
            }
        }
        return out;
    }

    @Test
    void invariantsHoldOnRandomValidMappings() {
        SplittableRandom root = new SplittableRandom(SEED);
        int checked = 0;
        for (Case c : cases()) {
            SplittableRandom rnd = root.split();
            AnalyticalModel model = new AnalyticalModel(c.w(), c.a());
            for (Mapping m : valid(c, rnd, PER_CASE)) {
                String where = c.w().name() + " on " + c.a().name() + " (seed " + SEED + "): " + m;
                Evaluation e = model.evaluate(m);
                assertTrue(e.valid(), where);
                checkAccounting(c, e, where);
                checkFastPathAgrees(model, m, e, where);
                checkCapacityOnlyDecidesValidity(c, m, e, where);
                checkUnitLoopsChangeNothing(model, m, e, where);
                checked++;
            }
        }
        assertTrue(checked > 1000, "too few valid random mappings were found: " + checked);
    }

    private static void checkAccounting(Case c, Evaluation e, String where) {
        Workload w = c.w();
        assertTrue(e.cycles() >= e.computeCycles(), where);
        assertTrue(e.computeCycles() * e.utilizedComputeInstances() == e.macs(), "perfect factorization: " + where);
        assertTrue(e.utilization() <= 1.0 + 1e-12, where);
        double sum = e.computeEnergyPj();
        for (LevelStats l : e.levels()) {
            sum += l.energyPj();
            for (TensorStats s : l.tensors().values()) {
                assertTrue(s.reads() >= 0 && s.fills() >= 0 && s.updates() >= 0, where);
                assertTrue(s.partition() >= s.tile(), where);
            }
        }
        assertEquals(e.energyPj(), sum, 1e-9 * e.energyPj(), where);
        LevelStats dram = e.levels().get(0);
        for (Tensor t : w.tensors()) {
            TensorStats s = dram.tensors().get(t.name());
            assertEquals(w.tensorSize(t), s.partition(), where);
            boolean strided = t.index().stream().flatMap(ix -> ix.terms().stream()).anyMatch(term -> term.coefficient() > 1);
            if (t.output()) {
                assertTrue(s.updates() >= w.tensorSize(t), "every output is written back at least once: " + where);
            } else if (!strided) { // a strided window's bounding box holds elements no MAC reads
                assertTrue(s.reads() >= w.tensorSize(t), "every operand leaves DRAM at least once: " + where);
            }
        }
        // Read-only tensors: a parent serves its children at least as many words as one child loads, and at most
        // what all children load (multicast saves, never costs).
        for (Tensor t : w.tensors()) {
            if (t.output()) {
                continue;
            }
            TensorStats parent = null;
            for (LevelStats l : e.levels()) {
                TensorStats s = l.tensors().get(t.name());
                if (s == null) {
                    continue;
                }
                if (parent != null) {
                    assertTrue(s.fillsTotal() >= parent.readsTotal(), "children load at least what the parent serves: " + where);
                    assertTrue(s.fills() <= parent.reads(), where);
                }
                parent = s;
            }
        }
    }

    private static void checkFastPathAgrees(AnalyticalModel model, Mapping m, Evaluation e, String where) {
        Workspace ws = model.newWorkspace();
        assertTrue(model.evaluate(LoopNest.of(m, model.spec()), ws), where);
        assertEquals(e.cycles(), ws.cycles, where);
        assertEquals(e.energyPj(), ws.energy, 0.0, where);
    }

    /** Growing every capacity cannot change a valid mapping's counts: capacity decides validity only. */
    private static void checkCapacityOnlyDecidesValidity(Case c, Mapping m, Evaluation e, String where) {
        List<StorageLevel> bigger = new ArrayList<>();
        for (StorageLevel l : c.a().levels()) {
            long cap = l.isBounded() ? l.capacityWords() * 4 : StorageLevel.UNBOUNDED;
            bigger.add(new StorageLevel(l.id(), cap, l.wordBits(), l.blockSize(), l.readBandwidth(), l.writeBandwidth(),
                    l.sharedBandwidth(), l.readEnergy(), l.writeEnergy(), l.multipleBuffering(), l.mayKeep(), l.areaUm2(),
                    l.energySource(), l.fanout()));
        }
        Evaluation e2 = new AnalyticalModel(c.w(), new Architecture(c.a().name(), bigger, c.a().compute())).evaluate(m);
        assertEquals(e.cycles(), e2.cycles(), where);
        assertEquals(e.energyPj(), e2.energyPj(), 0.0, where);
    }

    /** Extra loops of factor 1 anywhere, and dropping them, leave every number unchanged. */
    private static void checkUnitLoopsChangeNothing(AnalyticalModel model, Mapping m, Evaluation e, String where) {
        List<LevelMapping> stripped = new ArrayList<>();
        for (LevelMapping lm : m.levels()) {
            List<Loop> t = lm.temporal().stream().filter(l -> l.factor() > 1).toList();
            stripped.add(new LevelMapping(lm.level(), lm.keep(), t, lm.spatialX(), lm.spatialY()));
        }
        Evaluation e2 = model.evaluate(new Mapping(stripped));
        assertEquals(e.cycles(), e2.cycles(), where);
        assertEquals(e.energyPj(), e2.energyPj(), 0.0, where);
        for (int i = 0; i < e.levels().size(); i++) {
            Map<String, TensorStats> a = e.levels().get(i).tensors();
            Map<String, TensorStats> b = e2.levels().get(i).tensors();
            assertEquals(a, b, where);
        }
    }

    @Test
    void sameSeedSameMappings() {
        Case c = cases().get(0);
        assertEquals(valid(c, new SplittableRandom(7), 20), valid(c, new SplittableRandom(7), 20));
    }
}
