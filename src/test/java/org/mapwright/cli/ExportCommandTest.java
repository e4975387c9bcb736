package org.mapwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.dsl.Frontend;
import org.mapwright.onnx.OnnxImport;
import org.mapwright.timeloop.ProblemReader;
import org.mapwright.timeloop.TimeloopDocument;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;

/** {@code mapwright export}: what it writes reads back to the same layers, and bad options are located errors. */
class ExportCommandTest {
    static final String TINY_CNN = OnnxWorkloadTest.TINY_CNN;

    static String[] run(String... args) {
        return BadInputCorpusTest.run(args);
    }

    /** The one network of DSL text. */
    static Network readBack(String name, String text) {
        var nets = Frontend.loadText(name + ".mw", text).networks();
        assertEquals(1, nets.size(), text);
        return nets.values().iterator().next();
    }

    @Test
    void anOnnxModelExportsToDslThatReadsBackToTheSameLayers() {
        String[] r = run("export", "--workload", TINY_CNN, "--format", "mw");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[2].startsWith(TINY_CNN + ": note: 8 layers from 13 nodes"), r[2]);
        Network imported = OnnxImport.read(Path.of(TINY_CNN)).network();
        Network back = readBack("tiny_cnn", r[1]);
        assertEquals(imported, back);
        assertEquals(1_395_816, back.macs());
        assertTrue(r[1].startsWith("// Network tiny_cnn (1,395,816 MACs), written by mapwright export.\n"), r[1]);
        assertTrue(!r[1].contains("include"), "the DSL stands alone");
    }

    @Test
    void builtInAndDslFileNetworksExportToAFile(@TempDir Path dir) throws Exception {
        String[] r = run("export", "--workload", "mobilenet_v2", "--format", "mw", "--out", dir.toString());
        assertEquals("0", r[0], r[2]);
        Network builtin = Frontend.loadBuiltin("mobilenet_v2.mw").networks().get("mobilenet_v2");
        assertEquals(builtin, readBack("m", Files.readString(dir.resolve("mobilenet_v2.mw"))));
        assertEquals("", r[1]);

        Path net = dir.resolve("mine.mw");
        Files.writeString(net, MapCommandTest.TINY);
        String[] own = run("export", net.toString(), "--format", "mw");
        assertEquals("0", own[0], own[2]);
        Network declared = Frontend.load(List.of(net)).networks().values().iterator().next();
        assertEquals(declared, readBack("own", own[1]));
    }

    @Test
    void timeloopProblemsReadBackToTheSameWorkloads(@TempDir Path dir) throws Exception {
        String[] r = run("export", "--workload", MapInputs.BUILTIN_NETWORKS.get(0), "--format", "timeloop", "--out",
                dir.toString());
        assertEquals("0", r[0], r[2]);
        Network resnet = Frontend.loadBuiltin("resnet50.mw").networks().get("resnet50");
        checkProblems(resnet, dir);

        Path onnx = dir.resolve("onnx");
        String[] o = run("export", "--workload", TINY_CNN, "--format", "timeloop", "--out", onnx.toString());
        assertEquals("0", o[0], o[2]);
        checkProblems(OnnxImport.read(Path.of(TINY_CNN)).network(), onnx);
    }

    /** Every layer's problem file reads back to its workload, and the files are one per distinct shape. */
    static void checkProblems(Network n, Path dir) throws Exception {
        JsonNode index = MapCommandTest.JSON.readTree(dir.resolve("index.json").toFile());
        assertEquals(n.name(), index.get("network").asText());
        assertEquals(n.macs(), index.get("macs").asLong());
        assertEquals(n.layers().size(), index.get("layers").size());
        Set<String> files = new HashSet<>();
        List<String> shapes = new ArrayList<>();
        for (int i = 0; i < n.layers().size(); i++) {
            Layer l = n.layers().get(i);
            JsonNode entry = index.get("layers").get(i);
            assertEquals(l.name(), entry.get("layer").asText());
            assertEquals(l.repeat(), entry.get("repeat").asInt());
            Path file = dir.resolve(entry.get("problem").asText());
            TimeloopDocument doc = TimeloopDocument.read(file);
            var w = ProblemReader.read(doc.section(TimeloopDocument.Section.PROBLEM).orElseThrow().value(), doc.baseName());
            assertEquals(l.workload().withName(doc.baseName()), w, l.name());
            if (files.add(file.getFileName().toString())) {
                shapes.add(l.workload().withName("").toString());
            }
        }
        assertEquals(files.size(), index.get("problems").asInt());
        assertEquals(shapes.size(), new HashSet<>(shapes).size(), "one file per distinct shape");
        long distinct = n.layers().stream().map(l -> l.workload().withName("")).distinct().count();
        assertEquals(distinct, files.size());
        try (var listing = Files.list(dir)) {
            assertEquals(distinct, listing.filter(p -> p.toString().endsWith(".yaml")).count());
        }
    }

    @Test
    void badOptionsAreLocatedErrors(@TempDir Path dir) throws Exception {
        String[] format = run("export", "--workload", "resnet50", "--format", "onnx");
        assertEquals("2", format[0]);
        assertEquals("--format: error: Unknown format `onnx`; give mw (Mapwright DSL) or timeloop (Timeloop problem "
                + "files).\n", format[2]);
        String[] noOut = run("export", "--workload", "resnet50", "--format", "timeloop");
        assertEquals("2", noOut[0]);
        assertEquals("--out: error: The timeloop format writes one problem file per distinct layer; give the directory "
                + "to write them into with --out DIR.\n", noOut[2]);
        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        String[] outIsFile = run("export", "--workload", "resnet50", "--format", "mw", "--out", file.toString());
        assertEquals("2", outIsFile[0]);
        assertTrue(outIsFile[2].startsWith("--out: error: "), outIsFile[2]);
        String[] unknown = run("export", "--workload", "resnet5", "--format", "mw");
        assertEquals("2", unknown[0]);
        assertTrue(unknown[2].startsWith("--workload: error: There is no network or layer `resnet5`"), unknown[2]);
        String[] missing = run("export", "--workload", "resnet50");
        assertEquals("2", missing[0]);
        assertTrue(missing[2].contains("Missing required option: '--format=FORMAT'"), missing[2]);
    }
}
