package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.StorageLevel;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.cost.Evaluation;
import org.mapwright.dsl.BoundMapping;
import org.mapwright.dsl.DslWriter;
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.mapping.Mapping;
import org.mapwright.workload.Workload;

/**
 * The built-in DSL designs eyeriss_like, simple_ws and simple_os describe exactly the reference Timeloop designs:
 * the same levels, and for every reference mapping the same numbers whether the problem, design and mapping are
 * read from Timeloop YAML, or the design and layer come from the DSL, or the mapping is written out as DSL and read
 * back through the DSL front end.
 */
class DslEquivalenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> dslAndTimeloopAgree() {
        return Reference.tests(ref -> Reference.find(ref.resolve("cases"), "*/*/m*.json").stream()
                .map(json -> DynamicTest.dynamicTest(ref.resolve("cases").relativize(json).toString(), () -> check(ref, json))));
    }

    private static void check(Path ref, Path jsonFile) throws Exception {
        JsonNode c = JSON.readTree(jsonFile.toFile());
        JsonNode in = c.get("inputs");
        String arch = c.get("arch").asText();
        Path problem = ref.resolve(in.get("problem").asText());
        Path mappingFile = ref.resolve(in.get("mapping").asText());
        TimeloopInputs yaml = TimeloopLoader.load(List.of(problem, ref.resolve(in.get("arch").asText()),
                ref.resolve(in.get("ert").asText()), mappingFile), true);
        Evaluation fromYaml = new AnalyticalModel(yaml.workload(), yaml.architecture()).evaluate(yaml.mapping().orElseThrow());

        Workload w = yaml.workload();
        String layer = String.format("layer l = conv2d(C = %d, M = %d, R = %d, S = %d, N = %d, P = %d, Q = %d, stride = %d)%n",
                bound(w, "C"), bound(w, "M"), bound(w, "R"), bound(w, "S"), bound(w, "N"), bound(w, "P"), bound(w, "Q"),
                w.coefficients().get("Wstride"));
        String header = "include \"builtin:layers.mw\"\ninclude \"builtin:" + arch + ".mw\"\n" + layer;
        Library lib = Frontend.loadText("equivalence.mw", header);
        Workload dslWorkload = lib.layers().get("l");
        Architecture dslArch = lib.accelerators().get(arch);
        sameDesign(yaml.architecture(), dslArch);

        Mapping m = MappingReader.read(TimeloopDocument.read(mappingFile).section(TimeloopDocument.Section.MAPPING)
                .orElseThrow().value(), dslWorkload, dslArch);
        Evaluation fromDsl = new AnalyticalModel(dslWorkload, dslArch).evaluate(m);
        same(fromYaml, fromDsl);

        String text = header + DslWriter.mapping("m", "l", arch, m);
        BoundMapping round = Frontend.loadText("equivalence.mw", text).mappings().get("m");
        same(fromYaml, new AnalyticalModel(round.workload(), round.architecture()).evaluate(round.mapping()));
    }

    private static long bound(Workload w, String dim) {
        return w.bound(w.dim(dim).orElseThrow());
    }

    private static void sameDesign(Architecture yaml, Architecture dsl) {
        assertEquals(yaml.levelCount(), dsl.levelCount());
        for (int i = 0; i < yaml.levelCount(); i++) {
            StorageLevel a = yaml.level(i);
            StorageLevel b = dsl.level(i);
            String where = a.name();
            assertEquals(a.name(), b.name(), where);
            assertEquals(a.capacityWords(), b.capacityWords(), where);
            assertEquals(a.wordBits(), b.wordBits(), where);
            assertEquals(a.blockSize(), b.blockSize(), where);
            assertEquals(a.readBandwidth(), b.readBandwidth(), where);
            assertEquals(a.writeBandwidth(), b.writeBandwidth(), where);
            assertEquals(a.sharedBandwidth(), b.sharedBandwidth(), where);
            assertEquals(a.readEnergy(), b.readEnergy(), where);
            assertEquals(a.writeEnergy(), b.writeEnergy(), where);
            assertEquals(a.multipleBuffering(), b.multipleBuffering(), where);
            assertEquals(a.fanout().x(), b.fanout().x(), where);
            assertEquals(a.fanout().y(), b.fanout().y(), where);
        }
        assertEquals(yaml.compute().macEnergy(), dsl.compute().macEnergy());
        assertEquals(yaml.computeInstances(), dsl.computeInstances());
    }

    private static void same(Evaluation a, Evaluation b) {
        assertTrue(a.valid() && b.valid(), a.reason() + " / " + b.reason());
        assertEquals(a.cycles(), b.cycles());
        assertEquals(a.energyPj(), b.energyPj(), 0.0);
        assertEquals(a.levels(), b.levels());
    }
}
