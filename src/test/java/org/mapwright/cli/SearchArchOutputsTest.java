package org.mapwright.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.StorageLevel;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.cost.Evaluation;
import org.mapwright.dsl.BoundMapping;
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.testing.Shared;
import org.mapwright.testing.TimeloopStats;
import org.mapwright.testing.TimeloopTool;
import org.mapwright.timeloop.ProblemWriter;
import org.mapwright.timeloop.TimeloopInputs;
import org.mapwright.timeloop.TimeloopLoader;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Workload;

/**
 * The files {@code search-arch --out} writes: all of them, the plots as PNG images, the JSON as printed, the DSL and
 * Timeloop forms of the best design and its mappings read back as the same design, and Timeloop's own
 * {@code timeloop-model} costing each mapping on the exported design as Mapwright does (without the network's hop
 * energies, which a Timeloop ERT has no entry for).
 */
class SearchArchOutputsTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    static Path tmp;
    private static Path out;
    private static TinySearch.Run run;

    @BeforeAll
    static void search() throws Exception {
        out = tmp.resolve("out");
        run = TinySearch.ok(TinySearch.args("--out", out.toString()));
    }

    @Test
    void everyFileIsWritten() throws Exception {
        List<String> names = new ArrayList<>(List.of("best.mw", "best.arch.yaml", "best.ert.yaml", "mappings.mw",
                "result.json", "summary.txt", "checkpoint.json", "best-edp-per-generation.png", "edp-vs-area.png"));
        for (Layer l : TinySearch.network().layers()) {
            names.add("mappings/" + l.name() + ".timeloop.yaml");
        }
        for (String n : names) {
            assertTrue(Files.isRegularFile(out.resolve(n)) && Files.size(out.resolve(n)) > 0, n);
        }
        try (Stream<Path> s = Files.walk(out)) {
            assertEquals(names.size(), s.filter(Files::isRegularFile).count(), "no other files");
        }
        assertEquals(run.json(), MapCommandTest.JSON.readTree(out.resolve("result.json").toFile()));
        String table = Files.readString(out.resolve("summary.txt"));
        assertTrue(table.startsWith("Accelerator search: tinynet on tiny_eyeriss, cmaes, seed 1, 24 candidates"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("searched ")), table);
    }

    @Test
    void thePlotsArePngImages() throws Exception {
        for (String n : List.of("best-edp-per-generation.png", "edp-vs-area.png")) {
            byte[] bytes = Files.readAllBytes(out.resolve(n));
            assertArrayEquals(PNG_MAGIC, Arrays.copyOf(bytes, PNG_MAGIC.length), n);
            BufferedImage img = ImageIO.read(out.resolve(n).toFile());
            assertNotNull(img, n + " does not decode");
            assertTrue(img.getWidth() >= 200 && img.getHeight() >= 150, n + " is " + img.getWidth() + "x" + img.getHeight());
        }
    }

    /**
     * best.arch.yaml and best.ert.yaml, read by the Timeloop readers, are best.mw's design as far as Timeloop's
     * files can hold it (no keeps, areas or hop energies), and every mapping's YAML is its DSL mapping: both cost
     * the same.
     */
    @Test
    void theTimeloopFilesReadBackAsTheDesign() throws Exception {
        Library lib = Frontend.load(List.of(out.resolve("mappings.mw")));
        Architecture dsl = lib.accelerators().get("searched_tiny_eyeriss");
        assertEquals(SearchArchCommandTest.bestArch(run.json()), dsl);
        for (JsonNode l : run.json().get("best").get("layers")) {
            String name = l.get("name").asText();
            BoundMapping m = lib.mappings().get(name + "_best");
            Workload w = m.workload();
            Path problem = Files.writeString(tmp.resolve(name + ".problem.yaml"), ProblemWriter.write(w));
            TimeloopInputs in = TimeloopLoader.load(List.of(problem, out.resolve("best.arch.yaml"),
                    out.resolve("best.ert.yaml"), out.resolve("mappings/" + name + ".timeloop.yaml")));
            Architecture yaml = in.architecture();
            assertEquals(dsl.levelCount(), yaml.levelCount());
            for (int i = 0; i < dsl.levelCount(); i++) {
                StorageLevel a = dsl.level(i);
                StorageLevel b = yaml.level(i);
                assertEquals(List.of(a.name(), a.capacityWords(), a.wordBits(), a.blockSize(), a.readBandwidth(),
                        a.writeBandwidth(), a.sharedBandwidth(), a.readEnergy(), a.writeEnergy(), a.multipleBuffering(),
                        a.fanout().x(), a.fanout().y()), List.of(b.name(), b.capacityWords(), b.wordBits(), b.blockSize(),
                        b.readBandwidth(), b.writeBandwidth(), b.sharedBandwidth(), b.readEnergy(), b.writeEnergy(),
                        b.multipleBuffering(), b.fanout().x(), b.fanout().y()), a.name());
            }
            assertEquals(dsl.compute().macEnergy(), yaml.compute().macEnergy());
            assertEquals(dsl.linkTransfers(), yaml.linkTransfers());
            Evaluation mine = new AnalyticalModel(w, dsl).evaluate(m.mapping());
            assertEquals(l.get("energy_pj").asDouble(), mine.energyPj(), 0, name);
            assertEquals(l.get("cycles").asLong(), mine.cycles(), name);
            Evaluation noHops = new AnalyticalModel(w, dsl.withoutNetworkEnergy()).evaluate(m.mapping());
            Evaluation back = new AnalyticalModel(in.workload(), yaml).evaluate(in.mapping().orElseThrow());
            assertTrue(back.valid(), back::reason);
            assertEquals(noHops.cycles(), back.cycles(), name);
            assertEquals(noHops.energyPj(), back.energyPj(), 1e-9 * noHops.energyPj(), name);
            assertTrue(mine.energyPj() > noHops.energyPj(), "the design's hops cost energy");
        }
    }

    /** Timeloop v3.0.3 costs every exported mapping on the exported design as Mapwright does. */
    @Test
    void timeloopCostsTheExportedFilesAsMapwright() throws Exception {
        Path runModel = Shared.runModel();
        Library lib = Frontend.load(List.of(out.resolve("mappings.mw")));
        Architecture dsl = lib.accelerators().get("searched_tiny_eyeriss").withoutNetworkEnergy();
        for (Layer l : TinySearch.network().layers()) {
            BoundMapping m = lib.mappings().get(l.name() + "_best");
            Workload w = m.workload();
            Evaluation e = new AnalyticalModel(w, dsl).evaluate(m.mapping());
            TimeloopStats t = TimeloopTool.run(runModel, tmp.resolve("timeloop-" + l.name()), ProblemWriter.write(w),
                    out.resolve("best.arch.yaml"), out.resolve("best.ert.yaml"),
                    Files.readString(out.resolve("mappings/" + l.name() + ".timeloop.yaml")));
            assertEquals(w.macs(), t.computes(), l.name());
            assertEquals(e.cycles(), t.cycles(), l.name() + " cycles");
            // within 1e-6 relative and within the 0.01 pJ per line Timeloop prints
            assertEquals(e.energyPj(), t.energyPj(), Math.min(1e-6 * t.energyPj(), t.energyPrintPj() + 1e-12 * t.energyPj()),
                    l.name() + " energy");
        }
    }
}
