package org.mapwright.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
import org.mapwright.workload.Dim;
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
            Workspace used = model.newWorkspace();
            AnalyticalModel reversed = new AnalyticalModel(reversedDims(c.w()), c.a());
            for (Mapping m : valid(c, rnd, PER_CASE)) {
                String where = c.w().name() + " on " + c.a().name() + " (seed " + SEED + "): " + m;
                Evaluation e = model.evaluate(m);
                assertTrue(e.valid(), where);
                checkAccounting(c, e, where);
                checkReusedWorkspaceAgrees(model, used, m, e, where);
                checkTotalsFollowFromCounts(c, e, where);
                checkCapacityOnlyDecidesValidity(c, m, e, where);
                checkUnitLoopsChangeNothing(model, m, e, rnd, where);
                checkDimensionOrderChangesNothing(reversed, m, e, where);
                // leave the workspace as an invalid mapping leaves it, as a search does between valid ones
                model.evaluate(LoopNest.of(RandomMappings.sample(c.w(), c.a(), rnd), model.spec()), used);
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

    /**
     * The search's path reuses one workspace for every mapping it tries, valid or not; evaluating into a workspace
     * that just held another mapping must give exactly the numbers of a fresh full evaluation.
     */
    private static void checkReusedWorkspaceAgrees(AnalyticalModel model, Workspace used, Mapping m, Evaluation e,
                                                   String where) {
        assertTrue(model.evaluate(LoopNest.of(m, model.spec()), used), where);
        assertEquals(e.cycles(), used.cycles, where);
        assertEquals(e.energyPj(), used.energy, 0.0, where);
        int nt = model.spec().nt;
        for (int l = 0; l < e.levels().size(); l++) {
            for (int t = 0; t < nt; t++) {
                TensorStats s = e.levels().get(l).tensors().get(model.spec().workload.tensors().get(t).name());
                assertEquals(s == null ? 0 : s.reads(), used.reads[l * nt + t], where);
                assertEquals(s == null ? 0 : s.fills(), used.fills[l * nt + t], where);
                assertEquals(s == null ? 0 : s.updates(), used.updates[l * nt + t], where);
            }
        }
    }

    /**
     * Energy and cycles recomputed from the reported counts with Timeloop's formulas (reference README section 5):
     * per tensor and action, vector accesses are the scalar count rounded up to whole blocks, charged per utilized
     * instance; a level's cycles are compute cycles, or more where its reads, writes or both together need more
     * cycles at its read, write or shared bandwidth; the slowest level sets the cycles.
     */
    private static void checkTotalsFollowFromCounts(Case c, Evaluation e, String where) {
        double energy = e.macs() * c.a().compute().macEnergy();
        long cycles = e.computeCycles();
        for (int i = 0; i < e.levels().size(); i++) {
            LevelStats ls = e.levels().get(i);
            StorageLevel spec = c.a().level(i);
            long b = spec.blockSize();
            double reads = 0;
            double writes = 0;
            for (TensorStats s : ls.tensors().values()) {
                energy += s.instances() * (Math.ceil((double) s.reads() / b) * spec.readEnergy()
                        + (Math.ceil((double) s.fills() / b) + Math.ceil((double) s.updates() / b)) * spec.writeEnergy());
                reads += s.reads();
                writes += s.fills() + s.updates();
            }
            // throttled, a level takes demand / bandwidth cycles: reads / read bandwidth, and so on
            double need = Math.max(reads / spec.readBandwidth(), Math.max(writes / spec.writeBandwidth(),
                    (reads + writes) / spec.sharedBandwidth()));
            cycles = Math.max(cycles, (long) Math.ceil(need));
        }
        assertEquals(energy, e.energyPj(), 1e-9 * energy, where);
        // Timeloop (and so the model) divides in floating point in another order; that may round one cycle apart
        assertEquals(cycles, e.cycles(), 1, where);
    }

    /**
     * Capacity decides validity and nothing else: with every bounded level's capacity set to exactly what the mapping
     * uses there (single buffering), the mapping stays valid with the same numbers; one word less at any such level
     * makes it invalid, for capacity at that level.
     */
    private static void checkCapacityOnlyDecidesValidity(Case c, Mapping m, Evaluation e, String where) {
        List<StorageLevel> exact = new ArrayList<>();
        for (int i = 0; i < c.a().levelCount(); i++) {
            StorageLevel l = c.a().level(i);
            exact.add(withCapacity(l, l.isBounded() ? Math.max(1, e.levels().get(i).utilizedCapacity()) : StorageLevel.UNBOUNDED));
        }
        Evaluation tight = new AnalyticalModel(c.w(), new Architecture(c.a().name(), exact, c.a().compute())).evaluate(m);
        assertTrue(tight.valid(), () -> "a mapping that fits exactly is valid: " + tight.reason() + " " + where);
        assertEquals(e.cycles(), tight.cycles(), where);
        assertEquals(e.energyPj(), tight.energyPj(), 0.0, where);
        assertEquals(e.levels(), tight.levels(), where);
        for (int i = 0; i < c.a().levelCount(); i++) {
            long usedWords = e.levels().get(i).utilizedCapacity();
            if (!c.a().level(i).isBounded() || usedWords <= 1) {
                continue;
            }
            List<StorageLevel> small = new ArrayList<>(exact);
            small.set(i, withCapacity(c.a().level(i), usedWords - 1));
            Evaluation over = new AnalyticalModel(c.w(), new Architecture(c.a().name(), small, c.a().compute())).evaluate(m);
            assertFalse(over.valid(), "one word short at " + c.a().level(i).name() + ": " + where);
            assertEquals(List.of(Violation.Kind.CAPACITY), over.violations().stream().map(Violation::kind).distinct().toList(),
                    where);
        }
    }

    private static StorageLevel withCapacity(StorageLevel l, long words) {
        return new StorageLevel(l.id(), words, l.wordBits(), l.blockSize(), l.readBandwidth(), l.writeBandwidth(),
                l.sharedBandwidth(), l.readEnergy(), l.writeEnergy(), 1.0, l.mayKeep(), l.areaUm2(), l.energySource(),
                l.fanout());
    }

    /**
     * Loops of factor 1 change nothing: the mapping with every factor-1 temporal loop dropped, and that one with
     * factor-1 loops of the dimensions a level then does not loop over inserted again at random places in its
     * temporal list (and some in its spatial X list), both give exactly the same numbers.
     */
    private static void checkUnitLoopsChangeNothing(AnalyticalModel model, Mapping m, Evaluation e, SplittableRandom rnd,
                                                    String where) {
        List<LevelMapping> stripped = new ArrayList<>();
        List<LevelMapping> padded = new ArrayList<>();
        int inserted = 0;
        for (LevelMapping lm : m.levels()) {
            List<Loop> t = lm.temporal().stream().filter(l -> l.factor() > 1).toList();
            stripped.add(new LevelMapping(lm.level(), lm.keep(), t, lm.spatialX(), lm.spatialY()));
            List<Loop> tp = new ArrayList<>(t);
            List<Loop> xp = new ArrayList<>(lm.spatialX());
            for (Dim d : model.spec().workload.dims()) {
                if (tp.stream().noneMatch(l -> l.dim().equals(d))) {
                    tp.add(rnd.nextInt(tp.size() + 1), new Loop(d, 1));
                    inserted++;
                }
                boolean spatial = xp.stream().anyMatch(l -> l.dim().equals(d))
                        || lm.spatialY().stream().anyMatch(l -> l.dim().equals(d));
                if (!spatial && rnd.nextBoolean()) {
                    xp.add(rnd.nextInt(xp.size() + 1), new Loop(d, 1));
                }
            }
            padded.add(new LevelMapping(lm.level(), lm.keep(), tp, xp, lm.spatialY()));
        }
        assertTrue(inserted > 0, where);
        for (Mapping other : List.of(new Mapping(stripped), new Mapping(padded))) {
            Evaluation e2 = model.evaluate(other);
            assertTrue(e2.valid(), () -> e2.reason() + " " + other);
            assertEquals(e.cycles(), e2.cycles(), where + "\nvs " + other);
            assertEquals(e.energyPj(), e2.energyPj(), 0.0, where + "\nvs " + other);
            assertEquals(e.levels(), e2.levels(), where + "\nvs " + other);
        }
    }

    /**
     * The order in which a workload lists its dimensions is a naming choice: the same layer with its dimensions
     * listed in reverse gives the mapping the same numbers.
     */
    private static void checkDimensionOrderChangesNothing(AnalyticalModel reversed, Mapping m, Evaluation e, String where) {
        Evaluation r = reversed.evaluate(m);
        assertEquals(e.cycles(), r.cycles(), where);
        assertEquals(e.energyPj(), r.energyPj(), 1e-12 * e.energyPj(), where);
        assertEquals(e.levels().toString(), r.levels().toString(), where);
    }

    private static Workload reversedDims(Workload w) {
        List<Dim> reversed = new ArrayList<>(w.dims());
        Collections.reverse(reversed);
        return new Workload(w.name(), reversed, w.bounds(), w.tensors(), w.coefficients());
    }
}
