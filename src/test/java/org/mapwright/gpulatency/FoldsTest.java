package org.mapwright.gpulatency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mapwright.gpulatency.Folds.Fold;
import org.mapwright.netspace.OfaSubnet;

class FoldsTest {

    @Test
    void leaveOneGpuOutHoldsOutEachGpuWithAllItsBatchSizesOnce() {
        List<Fold> folds = Folds.leaveOneGpuOut(GpuDevices.all());
        assertEquals(4, folds.size());
        Set<GpuDevice> heldOnce = new HashSet<>();
        for (Fold f : folds) {
            assertEquals(3, f.heldOut().size());
            assertEquals(9, f.train().size());
            GpuSpec g = f.heldOut().get(0).gpu();
            assertEquals(GpuDevices.of(g), f.heldOut());
            assertTrue(f.train().stream().noneMatch(d -> d.gpu().equals(g)), f.name());
            for (GpuDevice d : f.heldOut()) {
                assertTrue(heldOnce.add(d), d.name() + " held out twice");
            }
        }
        assertEquals(new HashSet<>(GpuDevices.all()), heldOnce);
    }

    @Test
    void leaveOneDeviceOutTrainsOnEveryOtherDevice() {
        List<Fold> folds = Folds.leaveOneDeviceOut(GpuDevices.all());
        assertEquals(12, folds.size());
        for (Fold f : folds) {
            assertEquals(1, f.heldOut().size());
            assertEquals(11, f.train().size());
            assertFalse(f.train().contains(f.heldOut().get(0)));
        }
    }

    /** Each row's target and device parameters must be those of a training device: never a held-out one. */
    @Test
    void trainingRowsHoldOnlyTrainingDevicesMeasurements() {
        HelpOfaData data = synthetic(25, 5);
        double[][] derived = new double[25][1];
        for (int a = 0; a < 25; a++) {
            derived[a][0] = -a;
        }
        List<Fold> folds = new ArrayList<>(Folds.leaveOneGpuOut(GpuDevices.all()));
        folds.addAll(Folds.leaveOneDeviceOut(GpuDevices.all()));
        for (Fold f : folds) {
            LearnedPredictor.Rows rows = LearnedPredictor.trainingRows(data, derived, f.train());
            assertEquals(data.archs().size() * f.train().size(), rows.size(), f.name());
            for (int r = 0; r < rows.size(); r++) {
                // the synthetic latency encodes the device: ms = 100 * (device + 1) + arch position
                int device = (int) Math.round(Math.exp(rows.y()[r]) / 100) - 1;
                GpuDevice d = GpuDevices.all().get(device);
                assertTrue(f.train().contains(d), f.name() + ": row " + r + " holds " + d.name());
                assertFalse(f.heldOut().contains(rows.device().get(r)), f.name());
                assertEquals(d, rows.device().get(r));
                int nf = LearnedPredictor.features(1);
                assertEquals(-rows.group()[r], rows.x()[r * nf + OfaSubnet.FEATURES], 0);
                double[] p = d.parameters();
                for (int j = 0; j < p.length; j++) {
                    assertEquals(p[j], rows.x()[r * nf + OfaSubnet.FEATURES + 1 + j], 1e-6);
                }
            }
        }
    }

    /** Random admitted subnets whose latency on device k is 100 (k + 1) + their position, in ms. */
    static HelpOfaData synthetic(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<HelpOfaData.Arch> archs = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            double[] ms = new double[GpuDevices.all().size()];
            for (int d = 0; d < ms.length; d++) {
                ms[d] = 100 * (d + 1) + a;
            }
            archs.add(new HelpOfaData.Arch(a, OfaSubnet.random(rnd), ms));
        }
        return new HelpOfaData(archs, n, List.of(), Map.of());
    }
}
