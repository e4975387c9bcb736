package org.mapwright.gpulatency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.diag.InputException;
import org.mapwright.netspace.OfaSubnet;
import org.mapwright.testing.Shared;

class HelpOfaDataTest {

    /** HELP's file: 5,000 subnets, 1,013 at the Note10 tables' resolutions; arch 0 as its first line reads. */
    @Test
    void readsHelpsFileInPlace() throws IOException {
        Path dir = Shared.dir().resolve("data").resolve(HelpGpuStudy.HELP_DIR);
        Shared.require(Files.isRegularFile(dir.resolve(HelpOfaData.CSV)), "HELP's data " + dir.toAbsolutePath()
                + " was not found (set the system property mapwright.shared to the shared directory)");
        HelpOfaData d = HelpOfaData.read(dir);
        assertEquals(5000, d.total());
        assertEquals(1013, d.archs().size());
        assertEquals(List.of(1316, 1587, 1621, 1636, 1980, 2329, 2487, 3355, 3740, 4948), d.referenceIds());
        assertEquals(1, d.admittedReferences());
        HelpOfaData.Arch first = d.archs().get(0);
        List<String> line = List.of(Files.readAllLines(dir.resolve(HelpOfaData.CSV)).stream()
                .filter(l -> l.startsWith(first.archId() + ",")).findFirst().orElseThrow().split(","));
        int v100x64 = GpuDevices.all().indexOf(GpuDevices.named("v100_64"));
        assertEquals(Double.parseDouble(line.get(line.size() - 1)), first.latencyMs(v100x64), 0);
        assertEquals(Integer.parseInt(line.get(46)), first.subnet().resolution());
        assertEquals(d.archs().stream().limit(10).map(HelpOfaData.Arch::archId).toList(), d.calibrationIds(10));
    }

    @Test
    void calibrationUsesHelpsReferencesWhenEnoughAreAdmitted() {
        SplittableRandom rnd = new SplittableRandom(2);
        List<HelpOfaData.Arch> archs = new ArrayList<>();
        for (int a = 0; a < 30; a++) {
            archs.add(new HelpOfaData.Arch(a, OfaSubnet.random(rnd), new double[12]));
        }
        HelpOfaData d = new HelpOfaData(archs, 30, List.of(29, 4, 17, 99, 8), Map.of());
        assertEquals(List.of(29, 4, 17), d.calibrationIds(3));
        assertEquals(List.of(0, 1, 2, 3, 4), d.calibrationIds(5));
    }

    @Test
    void anUnknownDeviceColumnIsNamedWithTheKnownOnes(@TempDir Path dir) throws IOException {
        HelpGpuStudyTest.writeData(dir, new java.util.HashMap<>());
        Path csv = dir.resolve(HelpGpuStudy.HELP_DIR).resolve(HelpOfaData.CSV);
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        lines.set(0, lines.get(0).replace("titan_xp_1", "titan_x_1"));
        Files.write(csv, lines);
        InputException e = assertThrows(InputException.class, () -> HelpOfaData.read(csv.getParent()));
        int col = lines.get(0).indexOf("titan_x_1") + 1;
        assertEquals(csv + ":1:" + col + ": error: Unknown device column 'titan_x_1'; the known devices are "
                + GpuDevices.all().stream().map(GpuDevice::name).toList() + ".", e.getMessage());
    }
}
