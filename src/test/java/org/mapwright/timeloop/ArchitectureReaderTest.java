package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mapwright.timeloop.Small.errors;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.ComputeUnit;
import org.mapwright.arch.Fanout;
import org.mapwright.arch.LevelId;
import org.mapwright.arch.StorageLevel;

class ArchitectureReaderTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    /** A two-level tree with a 4x4 PE array; line numbers matter for the error tests. */
    static final String ARCH = """
            architecture:
              version: 0.3
              subtree:
                - name: system
                  local:
                    - name: DRAM
                      class: DRAM
                      attributes: {width: 64, word-bits: 16}
                  subtree:
                    - name: PE[0..15]
                      local:
                        - name: spad
                          class: regfile
                          attributes:
                            depth: 32
                            width: 16
                            meshX: 4
                        - name: mac
                          class: intmac
                          attributes: {meshX: 4}
            """;

    static final String ERT = """
            ERT:
              version: 0.3
              tables:
              - name: system.DRAM
                actions:
                - {name: read, energy: 512}
                - {name: write, energy: 500}
              - name: system.PE[0..15].spad
                actions:
                - {name: read, energy: 0.5, arguments: {data_delta: 0}}
                - {name: read, energy: 1.25, arguments: {data_delta: 1}}
                - {name: update, energy: 1.5}
              - name: system.PE[0..15].mac
                actions:
                - {name: mac_gated, energy: 0.1}
                - {name: mac_random, energy: 2.2}
            """;

    static Architecture read(String arch, String ert) {
        return read(arch, ert, new org.mapwright.diag.Diagnostics());
    }

    static Architecture read(String arch, String ert, org.mapwright.diag.Diagnostics warnings) {
        YamlMap.Entry a = TimeloopDocument.parse("a.yaml", arch).section(TimeloopDocument.Section.ARCHITECTURE).orElseThrow();
        YamlMap.Entry e = TimeloopDocument.parse("e.yaml", ert).section(TimeloopDocument.Section.ERT).orElseThrow();
        return ArchitectureReader.read(a.value(), a.key().span(), ErtReader.read(e.value(), warnings), "arch", warnings);
    }

    private static StorageLevel level(String name, long words, int block, double rbw, double wbw, double er, double ew,
                                      Fanout fanout) {
        return new StorageLevel(LevelId.of(name), words, 16, block, rbw, wbw, INF, er, ew, 1, Optional.empty(), 0,
                "ERT", fanout);
    }

    @Test
    void readsTheEyerissLikeReferenceDesign() {
        Path root = Reference.timeloop();
        TimeloopDocument arch = TimeloopDocument.read(root.resolve("inputs/arch/eyeriss_like.yaml"));
        TimeloopDocument ert = TimeloopDocument.read(root.resolve("inputs/ert/eyeriss_like.yaml"));
        Architecture a = ArchitectureReader.read(arch.section(TimeloopDocument.Section.ARCHITECTURE).orElseThrow().value(),
                ErtReader.read(ert.section(TimeloopDocument.Section.ERT).orElseThrow().value()), arch.baseName());
        assertEquals(new Architecture("eyeriss_like", List.of(
                level("DRAM", StorageLevel.UNBOUNDED, 4, INF, INF, 512, 512, Fanout.NONE),
                level("shared_glb", 55296, 4, 16, 16, 74.144, 75.215, Fanout.of(14, 1)),
                level("DummyBuffer", 16, 1, INF, INF, 0.202, 0.202, Fanout.of(1, 12)),
                level("ifmap_spad", 12, 1, 2, 2, 0.237, 0.237, Fanout.NONE),
                level("weights_spad", 192, 1, 2, 2, 1.586, 1.586, Fanout.NONE),
                level("psum_spad", 16, 1, 2, 2, 0.251, 0.251, Fanout.NONE)),
                new ComputeUnit("mac", 2.2, 0)), a);
        assertEquals(168, a.computeInstances());
    }

    @Test
    void theMacIsTheComputeUnitWhereverItIsListed() {
        Path root = Reference.timeloop();
        TimeloopDocument arch = TimeloopDocument.read(root.resolve("inputs/arch/simple_ws.yaml"));
        TimeloopDocument ert = TimeloopDocument.read(root.resolve("inputs/ert/simple_ws.yaml"));
        Architecture a = ArchitectureReader.read(arch.section(TimeloopDocument.Section.ARCHITECTURE).orElseThrow().value(),
                ErtReader.read(ert.section(TimeloopDocument.Section.ERT).orElseThrow().value()), arch.baseName());
        assertEquals(List.of("DRAM", "shared_glb", "pe_spad", "weight_reg", "input_activation_reg",
                "output_activation_reg"), a.levels().stream().map(StorageLevel::name).toList());
        assertEquals(Fanout.of(16, 16), a.level(1).fanout());
        assertEquals(1, a.level(3).capacityWords());
        assertEquals(256, a.computeInstances());
        assertEquals("mac", a.compute().name());
    }

    @Test
    void sizesBlocksMeshesAndEnergies() {
        Architecture a = read(ARCH, ERT);
        assertEquals(new Architecture("arch", List.of(
                level("DRAM", StorageLevel.UNBOUNDED, 4, INF, INF, 512, 500, Fanout.of(4, 4)),
                level("spad", 32, 1, INF, INF, 1.25, 1.5, Fanout.NONE)),
                new ComputeUnit("mac", 2.2, 0)), a);
    }

    @Test
    void readsV04NodeLists() {
        Architecture a = read("""
                architecture:
                  version: 0.4
                  nodes:
                  - !Container
                    name: system
                    attributes: {datawidth: 16}
                  - !Component
                    name: DRAM
                    class: DRAM
                    attributes: {width: 64}
                  - !Container
                    name: PE
                    spatial: {meshX: 4, meshY: 4}
                  - !Component
                    name: spad
                    class: regfile
                    attributes: {depth: 32, width: 16}
                  - !Component
                    name: mac
                    class: intmac
                """, ERT);
        assertEquals(read(ARCH, ERT), a);
    }

    @Test
    void meshMustDivideTheInstances() {
        assertEquals("a.yaml:17:24: error: meshX 3 does not divide the 16 instances of spad; use a divisor of 16.",
                errors(() -> read(ARCH.replace("meshX: 4\n", "meshX: 3\n"), ERT)));
    }

    @Test
    void innerInstancesMustBeAMultipleOfOuterOnes() {
        assertEquals("a.yaml:18:21: error: mac has 16 instances, which is not a multiple of the 48 instances of spad "
                        + "above it; each instance above must feed the same number below.",
                errors(() -> read(ARCH.replace("name: spad", "name: spad[0..2]"), ERT)));
    }

    @Test
    void theOutermostLevelHasOneInstance() {
        assertEquals("a.yaml:6:17: error: The outermost storage level DRAM has 2 instances; Mapwright models a single "
                        + "outermost level (usually DRAM), so give it one instance.",
                errors(() -> read(ARCH.replace("name: DRAM", "name: DRAM[0..1]"), ERT)));
    }

    @Test
    void everyStorageLevelAndTheMacNeedAnErtEntry() {
        assertEquals("a.yaml:12:21: error: The ERT has no entry for storage level spad; provide an ERT table named "
                        + "like 'system.spad' with 'read' and 'write' actions.",
                errors(() -> read(ARCH, ERT.replace(".spad", ".sapd"))));
        assertEquals("a.yaml:18:21: error: The ERT has no entry for compute unit mac; provide an ERT table named like "
                        + "'system.mac' with a 'mac_random' action.",
                errors(() -> read(ARCH, ERT.replace("PE[0..15].mac", "PE[0..15].adder"))));
        assertEquals("e.yaml:8:11: error: ERT entry system.PE[0..15].spad has no 'read' action; storage levels need "
                        + "'read' and 'write' energies.",
                errors(() -> read(ARCH, ERT.replace("name: read, energy: 0.5", "name: reed, energy: 0.5")
                        .replace("name: read, energy: 1.25", "name: reed, energy: 1.25"))));
    }

    @Test
    void attributesOfTheWrongTypeAndUnknownClasses() {
        assertEquals("a.yaml:15:24: error: Expected 'depth' of spad to be a whole number, but it is the text 'deep'.",
                errors(() -> read(ARCH.replace("depth: 32", "depth: deep"), ERT)));
        assertEquals("a.yaml:8:46: error: Expected 'word-bits' of DRAM to be positive, but it is 0.",
                errors(() -> read(ARCH.replace("word-bits: 16", "word-bits: 0"), ERT)));
        assertEquals("a.yaml:13:22: error: Cannot tell whether class 'widget' of spad is storage or compute; storage "
                        + "classes contain DRAM, SRAM, regfile, smartbuffer or storage, and arithmetic classes contain mac.",
                errors(() -> read(ARCH.replace("class: regfile", "class: widget"), ERT)));
        assertEquals("a.yaml:10:17: error: Cannot read the instance range in 'PE[0..]'; write it as name[0..N-1] for N "
                + "instances.", errors(() -> read(ARCH.replace("PE[0..15]", "PE[0..]"), ERT)));
    }

    @Test
    void ertNamesLoseTheirRangesAndVariantsTakeTheMaximum() {
        assertEquals("ifmap_spad", Ert.shortName("system.eyeriss.PE[0..167].ifmap_spad"));
        assertEquals("DummyBuffer", Ert.shortName("system.eyeriss.DummyBuffer[0..13]"));
        Ert t = ErtReader.read(TimeloopDocument.parse("e.yaml", ERT).section(TimeloopDocument.Section.ERT)
                .orElseThrow().value());
        Ert.Component spad = t.lookup("spad").get(0);
        assertEquals(Optional.of(1.25), spad.readEnergy());
        assertEquals(Optional.of(1.5), spad.writeEnergy(), "update stands in for a missing write");
        assertEquals(Optional.of(2.2), t.lookup("mac").get(0).macEnergy());
        assertEquals("e.yaml:7:29: error: Expected the energy of action write of system.DRAM to be at least 0, but it "
                        + "is -1.",
                errors(() -> ErtReader.read(TimeloopDocument.parse("e.yaml", ERT.replace("500", "-1"))
                        .section(TimeloopDocument.Section.ERT).orElseThrow().value())));
    }
}
