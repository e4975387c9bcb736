package org.mapwright.gpulatency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mapwright.testing.Shared;

class GpuDevicesTest {

    /** Every device column of HELP's OFA file has a row in the table, and the table has no other. */
    @Test
    void tableHasEveryDeviceOfTheCsv() throws IOException {
        Path csv = Shared.dir().resolve("data").resolve(HelpGpuStudy.HELP_DIR).resolve(HelpOfaData.CSV);
        Shared.require(Files.isRegularFile(csv), "HELP's data file " + csv.toAbsolutePath() + " was not found"
                + " (set the system property mapwright.shared to the shared directory)");
        String[] header = Files.readAllLines(csv).get(0).split(",");
        List<String> columns = Arrays.asList(header).subList(Arrays.asList(header).indexOf("r") + 1, header.length);
        assertEquals(12, columns.size());
        Set<String> table = new HashSet<>();
        GpuDevices.all().forEach(d -> table.add(d.name()));
        assertEquals(new HashSet<>(columns), table);
        for (String c : columns) {
            GpuDevice d = GpuDevices.named(c);
            assertEquals(Integer.parseInt(c.substring(c.lastIndexOf('_') + 1)), d.batch(), c);
        }
    }

    @Test
    void specNumbersAreConsistentWithTheirOwnDefinition() {
        // peak FP32 = 2 x CUDA cores x boost clock, and cores = 64 per SM on Turing and Volta, 128 on Pascal
        int[] coresPerSm = {64, 64, 128, 64};
        for (int g = 0; g < 4; g++) {
            GpuSpec s = GpuDevices.gpus().get(g);
            double tflops = 2.0 * coresPerSm[g] * s.sms() * s.boostClockMhz() / 1e6;
            assertEquals(tflops, s.fp32Tflops(), 0.01, s.gpu());
            assertEquals(3, GpuDevices.of(s).size());
        }
    }

    @Test
    void parametersAreLogsOfTheSpecAndBatch() {
        GpuDevice d = GpuDevices.named("titan_xp_32");
        double[] p = d.parameters();
        assertEquals(Math.log(12.15), p[0], 1e-12);
        assertEquals(Math.log(547.7), p[1], 1e-12);
        assertEquals(Math.log(30), p[2], 1e-12);
        assertEquals(Math.log(1582), p[3], 1e-12);
        assertEquals(Math.log(12), p[4], 1e-12);
        assertEquals(Math.log(32), p[5], 1e-12);
        assertTrue(GpuDevices.named("v100_64").gpu().gpu().contains("assumed"));
    }

    @Test
    void anUnknownDeviceNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GpuDevices.named("a100_1"));
        assertEquals("There is no GPU device named 'a100_1'; the known ones are 2080ti_1, 2080ti_32, 2080ti_64, "
                + "titan_rtx_1, titan_rtx_32, titan_rtx_64, titan_xp_1, titan_xp_32, titan_xp_64, v100_1, v100_32, "
                + "v100_64.", e.getMessage());
    }
}
