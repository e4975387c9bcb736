package org.mapwright.gpulatency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.diag.InputException;
import org.mapwright.netspace.OfaSubnet;
import org.mapwright.nn.Regressor;

/** The study's protocol on a small synthetic copy of HELP's file format, with a smoke-sized model. */
class HelpGpuStudyTest {
    private static final int ADMITTED = 40;
    private static final int OTHER = 6;

    @Test
    void reportHasTheProtocolsShapeAndTheTableBaselineUsesTheHeldOutDevicesCalibration(@TempDir Path dir)
            throws IOException {
        Map<String, Double> titanRtx64 = new HashMap<>();
        writeData(dir, titanRtx64);
        // a "table" that is exactly a third of titan_rtx_64's latency: carried over it must be exact there
        ToDoubleFunction<OfaSubnet> lut = s -> titanRtx64.get(s.key()) / 3;
        HelpGpuStudy.Report r = HelpGpuStudy.run(dir, smoke(false), lut, Map.of("lut", "fake"), m -> { });

        assertEquals(12, r.heldOutDevices());
        assertEquals(ADMITTED + OTHER, r.data().archsInFile());
        assertEquals(ADMITTED, r.data().archsAdmitted());
        assertEquals(1, r.data().referenceArchsAdmitted());
        List<Integer> first10 = new ArrayList<>();
        for (int a = 0; a < 10; a++) {
            first10.add(OTHER + a);
        }
        assertEquals(first10, r.data().calibrationArchIds());
        assertEquals(ADMITTED - 10, r.data().testArchsPerDevice());
        assertNull(r.leaveOneDeviceOut());
        assertEquals(4, r.leaveOneGpuOut().folds().size());
        for (HelpGpuStudy.FoldResult f : r.leaveOneGpuOut().folds()) {
            assertEquals(3, f.heldOutDevices().size());
            assertEquals(9 * ADMITTED, f.trainRows());
            assertTrue(f.trainDevices().stream().noneMatch(f.heldOutDevices()::contains));
            for (HelpGpuStudy.DeviceResult d : f.devices()) {
                assertEquals(ADMITTED - 10, d.testArchs());
            }
        }
        HelpGpuStudy.DeviceResult exact = r.leaveOneGpuOut().folds().get(1).devices().get(2);
        assertEquals("titan_rtx_64", exact.device());
        assertEquals(Math.log(3), exact.calibratedLogScale(), 1e-9);
        assertEquals(0, exact.lut().rmse(), 1e-9);
        assertEquals(1, exact.lut().spearman(), 1e-12);
        assertTrue(r.leaveOneGpuOut().folds().get(1).devices().get(0).lut().rmse() > 0.01);

        JsonNode j = new ObjectMapper().valueToTree(r);
        assertEquals(12, j.path("held_out_devices").asInt());
        for (String m : List.of("lut", "lut_predicted_scale", "learned")) {
            for (String f : List.of("rmse", "spearman", "spearman_within_device")) {
                assertTrue(Double.isFinite(j.path(m).path(f).asDouble(Double.NaN)), m + "." + f);
            }
        }
        assertEquals(r.learned().rmse(), j.path("leave_one_gpu_out").path("learned").path("rmse").asDouble(), 0);
        assertTrue(j.path("inputs").has(HelpGpuStudy.HELP_DIR + "/" + HelpOfaData.CSV));
        assertEquals(4, j.path("settings").path("training").path("epochs").asInt());
    }

    @Test
    void theSameSeedGivesTheSameReport(@TempDir Path dir) throws IOException {
        Map<String, Double> titanRtx64 = new HashMap<>();
        writeData(dir, titanRtx64);
        ToDoubleFunction<OfaSubnet> lut = s -> titanRtx64.get(s.key());
        HelpGpuStudy.Report a = HelpGpuStudy.run(dir, smoke(true), lut, Map.of(), m -> { });
        HelpGpuStudy.Report b = HelpGpuStudy.run(dir, smoke(true), lut, Map.of(), m -> { });
        assertEquals(a.learned(), b.learned());
        assertEquals(a.leaveOneDeviceOut().learned(), b.leaveOneDeviceOut().learned());
        assertEquals(12, a.leaveOneDeviceOut().folds().size());
        assertEquals(7, smoke(true).withSeed(7).training().seed());
        assertEquals(smoke(true).training().hidden(), smoke(true).withSeed(7).training().hidden());
    }

    @Test
    void aBadLatencyIsReportedAtItsLineAndColumn(@TempDir Path dir) throws IOException {
        writeData(dir, new HashMap<>());
        Path csv = dir.resolve(HelpGpuStudy.HELP_DIR).resolve(HelpOfaData.CSV);
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        String[] f = lines.get(2).split(",");
        f[f.length - 1] = "-1";
        lines.set(2, String.join(",", f));
        Files.write(csv, lines);
        int col = String.join(",", f).lastIndexOf(',') + 2;
        InputException e = assertThrows(InputException.class,
                () -> HelpGpuStudy.run(dir, smoke(false), s -> 1, Map.of(), m -> { }));
        assertEquals(csv + ":3:" + col + ": error: '-1' is not a positive latency in milliseconds.", e.getMessage());
    }

    private static HelpGpuStudy.Settings smoke(boolean perDevice) {
        return new HelpGpuStudy.Settings(new Regressor.Settings(List.of(8), 4, 32, 1e-2f, 2, 5, 3, 1, 0f), 10, 0, 1.0,
                perDevice, true);
    }

    /**
     * HELP's two files in {@code dir/hw-latency_HELP}: {@value #OTHER} subnets at resolution 128 first (not
     * admitted), then {@value #ADMITTED} admitted ones with latencies that grow with kernel, expansion and depth, a
     * device factor and device-specific noise; one of the 10 reference ids is admitted.
     */
    static void writeData(Path dir, Map<String, Double> titanRtx64) throws IOException {
        SplittableRandom rnd = new SplittableRandom(17);
        StringBuilder sb = new StringBuilder("arch_id");
        for (String p : List.of("ks", "e")) {
            for (int i = 0; i < OfaSubnet.SLOTS; i++) {
                sb.append(',').append(p).append(i);
            }
        }
        for (int s = 0; s < OfaSubnet.STAGES; s++) {
            sb.append(",d").append(s);
        }
        sb.append(",r");
        GpuDevices.all().forEach(d -> sb.append(',').append(d.name()));
        sb.append('\n');
        int titan = GpuDevices.all().indexOf(GpuDevices.named("titan_rtx_64"));
        for (int a = 0; a < ADMITTED + OTHER; a++) {
            OfaSubnet s = OfaSubnet.random(rnd);
            int r = a < OTHER ? 128 : s.resolution();
            sb.append(a);
            double work = 0;
            for (int i = 0; i < OfaSubnet.SLOTS; i++) {
                sb.append(',').append(s.active(i) ? s.kernel()[i] : 3);
                work += s.active(i) ? s.kernel()[i] * s.expand()[i] : 0;
            }
            for (int i = 0; i < OfaSubnet.SLOTS; i++) {
                sb.append(',').append(s.active(i) ? s.expand()[i] : 4);
            }
            for (int d : s.depth()) {
                sb.append(',').append(d);
            }
            sb.append(',').append(r);
            for (int d = 0; d < GpuDevices.all().size(); d++) {
                double ms = work * r * r / 1e5 * (1 + d % 3) * (1 + 0.1 * rnd.nextDouble()) + d;
                sb.append(',').append(ms);
                if (d == titan && a >= OTHER) {
                    titanRtx64.put(s.key(), ms);
                }
            }
            sb.append('\n');
        }
        Path help = Files.createDirectories(dir.resolve(HelpGpuStudy.HELP_DIR));
        Files.writeString(help.resolve(HelpOfaData.CSV), sb);
        Files.writeString(help.resolve(HelpOfaData.REFERENCES), "{\"ofa\": [1, 2, 3, 4, 5, " + (OTHER + 20)
                + ", 0, 1, 2, 3]}");
    }
}
