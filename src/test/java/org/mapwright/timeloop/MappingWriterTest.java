package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mapwright.mapping.Mapping;

class MappingWriterTest {

    @Test
    void writesTimeloopsFormatInnermostLevelFirst() {
        TimeloopInputs in = Small.spec();
        assertEquals("""
                mapping:
                  - target: reg
                    type: datatype
                    keep: [A, B, Z]
                    bypass: []
                  - target: reg
                    type: temporal
                    factors: M=2 N=2 K=1
                    permutation: MNK
                  - target: buf
                    type: datatype
                    keep: [A, Z]
                    bypass: [B]
                  - target: buf
                    type: spatial
                    factors: M=2 N=2 K=1
                    permutation: NMK
                    split: 1
                  - target: buf
                    type: temporal
                    factors: M=1 N=1 K=2
                    permutation: KMN
                  - target: DRAM
                    type: datatype
                    keep: [A, B, Z]
                    bypass: []
                  - target: DRAM
                    type: temporal
                    factors: M=2 N=1 K=3
                    permutation: KMN
                """, MappingWriter.write(Small.mapping(MappingReaderTest.MAP), in.workload(), in.architecture()));
    }

    @Test
    void namesThatYamlWouldMisreadAreQuoted() {
        assertEquals("shared_glb", MappingWriter.scalar("shared_glb"));
        assertEquals("'no'", MappingWriter.scalar("no"));
        assertEquals("'a,b'", MappingWriter.scalar("a,b"));
        assertEquals("'it''s'", MappingWriter.scalar("it's"));
    }

    @Test
    void loopListsTimeloopCannotExpressAreRejected() {
        TimeloopInputs in = Small.spec();
        Mapping m = new Mapping(List.of(
                MappingReaderTest.lm("DRAM", "A B Z", "M=2 M=4 K=6", "", ""),
                MappingReaderTest.lm("buf", "A B Z", "", "N=2", ""),
                MappingReaderTest.lm("reg", "A B Z", "N=2", "", "")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MappingWriter.write(m, in.workload(), in.architecture()));
        assertEquals("Dimension M appears twice in the temporal loops of level DRAM; Timeloop's format gives each "
                + "dimension once per directive.", e.getMessage());
    }

    /** Every reference mapping (generated, mapper's best, capacity and fan-out negatives) survives write then read. */
    @TestFactory
    Stream<DynamicTest> everyReferenceMappingRoundTrips() {
        return Reference.tests(MappingWriterTest::roundTrips);
    }

    private static Stream<DynamicTest> roundTrips(Path root) {
        List<Path> files = new ArrayList<>(Reference.find(root.resolve("cases"), "*/*/*.mapping.yaml"));
        files.removeIf(p -> p.getFileName().toString().contains("__product"));
        files.addAll(Reference.find(root.resolve("mapper"), "*/*/map.yaml"));
        assertTrue(files.size() > 200, "found only " + files.size() + " reference mappings");
        Map<String, TimeloopInputs> specs = new HashMap<>();
        return files.stream().map(f -> DynamicTest.dynamicTest(root.relativize(f).toString(), () -> {
            String arch = f.getParent().getParent().getFileName().toString();
            String workload = f.getParent().getFileName().toString();
            if (workload.equals("_invalid")) {
                arch = f.getParent().getParent().getFileName().toString();
                workload = f.getFileName().toString().split("__")[0];
            }
            String a = arch;
            String w = workload;
            TimeloopInputs spec = specs.computeIfAbsent(a + "/" + w, k -> TimeloopLoader.load(List.of(
                    root.resolve("inputs/problems/" + w + ".yaml"), root.resolve("inputs/arch/" + a + ".yaml"),
                    root.resolve("inputs/ert/" + a + ".yaml"))));
            YamlMap.Entry e = TimeloopDocument.read(f).section(TimeloopDocument.Section.MAPPING).orElseThrow();
            Mapping original = MappingReader.read(e.value(), spec.workload(), spec.architecture());
            String text = MappingWriter.write(original, spec.workload(), spec.architecture());
            YamlMap.Entry back = TimeloopDocument.parse("written.yaml", text).section(TimeloopDocument.Section.MAPPING)
                    .orElseThrow();
            assertEquals(original, MappingReader.read(back.value(), spec.workload(), spec.architecture()), text);
        }));
    }
}
