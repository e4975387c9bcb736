package org.mapwright.archspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.StorageLevel;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.cost.Evaluation;
import org.mapwright.dsl.Frontend;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.MapPoint;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.mapspace.Sampler;
import org.mapwright.tech.MemoryKind;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Workload;

/** Any vector decodes to a usable accelerator, and the usage and violation of a candidate are what they claim. */
class DecodeTest {
    static final TestTechnology TECH = TestTechnology.INSTANCE;

    @Test
    void everyVectorDecodesToAnAcceleratorTheMapspaceAccepts() {
        List<Layer> layers = Frontend.loadBuiltin("resnet50.mw").networks().get("resnet50").layers();
        List<Workload> picks = List.of(layers.get(0).workload(), layers.get(5).workload(), layers.get(layers.size() - 2).workload());
        SplittableRandom rnd = new SplittableRandom(20261201);
        int evaluated = 0;
        for (ArchSpace s : Spaces.all()) {
            for (int i = 0; i < 800; i++) {
                Candidate c = s.decode(Spaces.point(s.dimensions(), rnd), TECH);
                Architecture a = c.architecture();
                assertEquals(s.levels().size(), a.levelCount());
                for (int l = 0; l < a.levelCount(); l++) {
                    assertEquals(s.levels().get(l).name(), a.level(l).name(), "levels keep their declared names");
                }
                Workload w = picks.get(i % picks.size());
                Mapspace ms = new Mapspace(w, a, Constraints.NONE);
                MapPoint p = ms.newPoint();
                new Sampler(ms).uniform(p, rnd);
                Evaluation e = new AnalyticalModel(w, a).evaluate(ms.toMapping(p));
                if (e.valid()) {
                    assertTrue(e.energyPj() > 0 && e.cycles() > 0, "a valid mapping costs energy and time");
                    evaluated++;
                }
            }
        }
        assertTrue(evaluated > 100, "random mappings on decoded designs should often be valid, got " + evaluated);
    }

    @Test
    void usageAndViolationMatchAnIndependentCount() {
        ArchSpace s = Spaces.tiny();
        Limits lim = s.limits();
        SplittableRandom rnd = new SplittableRandom(3);
        int[] over = new int[3];
        int feasible = 0;
        for (int i = 0; i < 3000; i++) {
            Candidate c = s.decode(Spaces.point(s.dimensions(), rnd), TECH);
            Architecture a = c.architecture();
            long instances = 1;
            double bytes = 0;
            double um2 = 0;
            for (int l = 0; l < a.levelCount(); l++) {
                StorageLevel lv = a.level(l);
                LevelSpec spec = s.levels().get(l);
                assertEquals(TestTechnology.areaUm2(spec.kind(), lv.capacityWords(), lv.wordBits(), lv.blockSize(), lv.banks()),
                        lv.areaUm2(), 1e-9, "area of " + lv.name() + " from the technology");
                if (spec.kind() != MemoryKind.DRAM) {
                    bytes += lv.capacityWords() * lv.wordBits() / 8.0 * instances;
                }
                um2 += lv.areaUm2() * instances;
                instances *= (long) lv.fanout().x() * lv.fanout().y();
            }
            um2 += TestTechnology.macAreaUm2(8) * instances;
            double mm2 = um2 / 1e6;
            assertEquals(instances, c.usage().computeUnits());
            assertEquals(bytes, c.usage().onChipBytes(), 1e-9);
            assertEquals(mm2, c.usage().areaMm2(), 1e-12);
            boolean[] exceeded = {instances > lim.computeUnits().getAsLong(), bytes > lim.onChipBytes().getAsLong(),
                    mm2 > lim.areaMm2().getAsDouble()};
            double expected = (exceeded[0] ? (double) instances / lim.computeUnits().getAsLong() - 1 : 0)
                    + (exceeded[1] ? bytes / lim.onChipBytes().getAsLong() - 1 : 0)
                    + (exceeded[2] ? mm2 / lim.areaMm2().getAsDouble() - 1 : 0);
            assertEquals(expected, c.violation(), 1e-12);
            int count = 0;
            for (int k = 0; k < 3; k++) {
                over[k] += exceeded[k] ? 1 : 0;
                count += exceeded[k] ? 1 : 0;
            }
            assertEquals(count == 0, c.feasible(), "violation 0 exactly when every limit holds");
            assertEquals(count == 0, c.violation() == 0);
            assertEquals(count, c.violatedLimits().size(), () -> c.violatedLimits().toString());
            feasible += count == 0 ? 1 : 0;
        }
        for (int k = 0; k < 3; k++) {
            assertTrue(over[k] > 30 && over[k] < 2970, "limit " + k + " should be exceeded by some points only, was by " + over[k]);
        }
        assertTrue(feasible > 30, "some points should be feasible, got " + feasible);
    }

    @Test
    void decodedLevelsHaveTheChosenSizesAndDerivedBandwidth() {
        ArchSpace s = Spaces.tiny();
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 500; i++) {
            Candidate c = s.decode(Spaces.point(s.dimensions(), rnd), TECH);
            for (int l = 0; l < s.levels().size(); l++) {
                LevelSpec spec = s.levels().get(l);
                StorageLevel lv = c.architecture().level(l);
                assertTrue(spec.capacityWords().options().contains(lv.capacityWords()));
                assertTrue(spec.blockSize().options().contains(lv.blockSize()));
                assertTrue(spec.banks().options().contains(lv.banks()));
                assertTrue(spec.keeps().options().contains(lv.mayKeep()));
                assertEquals(spec.multipleBuffering(), lv.multipleBuffering());
                double bw = spec.bandwidth().isPresent() ? lv.readBandwidth()
                        : spec.kind() == MemoryKind.DRAM ? Double.POSITIVE_INFINITY : (double) lv.blockSize() * lv.banks();
                if (spec.bandwidth().isPresent()) {
                    assertTrue(spec.bandwidth().get().options().contains(lv.readBandwidth()));
                }
                assertEquals(bw, lv.readBandwidth(), "bandwidth of " + lv.name());
                assertEquals(bw, lv.writeBandwidth(), "bandwidth of " + lv.name());
                assertEquals(TECH.storage(spec.kind(), lv.capacityWords(), lv.wordBits(), lv.blockSize(), lv.banks()).readPj(),
                        lv.readEnergy(), 0);
                boolean fansOut = s.fanouts().stream().anyMatch(f -> f.from().equals(spec.name()));
                assertEquals(fansOut ? TECH.hopEnergy(lv.wordBits()) : 0, lv.fanout().hopEnergy(), 0, "hop energy below " + lv.name());
            }
            assertEquals(TECH.mac(8).macPj(), c.architecture().compute().macEnergy(), 0);
        }
    }
}
