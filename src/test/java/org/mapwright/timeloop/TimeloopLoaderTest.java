package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mapwright.timeloop.Small.errors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.timeloop.TimeloopDocument.Section;

class TimeloopLoaderTest {

    private static TimeloopDocument doc(String file, String text) {
        return TimeloopDocument.parse(file, text);
    }

    @Test
    void oneFileMayHoldEverySection() {
        TimeloopDocument all = doc("all.yaml", Small.SPEC + MappingReaderTest.MAP);
        assertEquals(EnumSet.of(Section.PROBLEM, Section.ARCHITECTURE, Section.ERT, Section.MAPPING), all.sections());
        TimeloopInputs in = TimeloopLoader.assemble(List.of(all), true);
        assertEquals("all", in.workload().name());
        assertEquals("all", in.architecture().name());
        assertEquals(Small.mapping(MappingReaderTest.MAP), in.mapping().orElseThrow());
    }

    @Test
    void sectionsMayBeSplitAcrossFilesInAnyWay(@TempDir Path dir) throws IOException {
        int arch = Small.SPEC.indexOf("architecture:");
        int ert = Small.SPEC.indexOf("ERT:");
        Path problemAndMapping = Files.writeString(dir.resolve("layer.yaml"),
                Small.SPEC.substring(0, arch) + MappingReaderTest.MAP);
        Path archFile = Files.writeString(dir.resolve("accel.yml"), Small.SPEC.substring(arch, ert));
        Path ertFile = Files.writeString(dir.resolve("ERT.yaml"), Small.SPEC.substring(ert));
        TimeloopInputs in = TimeloopLoader.load(List.of(ertFile, archFile, problemAndMapping), true);
        assertEquals("layer", in.workload().name());
        assertEquals("accel", in.architecture().name());
        assertEquals(Small.mapping(MappingReaderTest.MAP), in.mapping().orElseThrow());
        assertEquals(3, in.documents().size());
    }

    @Test
    void theMappingIsOptionalUnlessRequired() {
        TimeloopDocument spec = doc("spec.yaml", Small.SPEC);
        assertTrue(TimeloopLoader.assemble(List.of(spec), false).mapping().isEmpty());
        assertEquals("spec.yaml: error: The input file has no 'mapping' section; add the mapping to evaluate.",
                errors(() -> TimeloopLoader.assemble(List.of(spec), true)));
    }

    @Test
    void missingSectionsAreReportedTogether() {
        int ert = Small.SPEC.indexOf("ERT:");
        int arch = Small.SPEC.indexOf("architecture:");
        assertEquals("a.yaml: error: None of the input files (a.yaml, b.yaml) has a 'problem' section; add the problem "
                        + "(shape and instance).\n"
                        + "a.yaml: error: None of the input files (a.yaml, b.yaml) has a 'ERT' section; add an energy "
                        + "reference table (Accelergy writes one as ERT.yaml) with the energy of every storage level and "
                        + "the compute unit.",
                errors(() -> TimeloopLoader.assemble(List.of(doc("a.yaml", Small.SPEC.substring(arch, ert)),
                        doc("b.yaml", MappingReaderTest.MAP)), false)));
    }

    @Test
    void aSectionGivenTwiceIsAnError() {
        int ert = Small.SPEC.indexOf("ERT:");
        assertEquals("b.yaml:1:1: error: A second 'ERT' section; the first is at a.yaml:22:1. Give each section once.",
                errors(() -> TimeloopLoader.assemble(List.of(doc("a.yaml", Small.SPEC),
                        doc("b.yaml", Small.SPEC.substring(ert))), false)));
    }

    @Test
    void errorsOfSeveralSectionsAreReportedTogether() {
        String broken = Small.SPEC.replace("projection: [[[K]], [[N]]]", "projection: [[[K]], [[NN]]]")
                .replace("class: regfile", "class: widget");
        assertEquals("s.yaml:7:39: error: Unknown dimension 'NN' in the projection of B. Did you mean 'N'? The "
                        + "dimensions are M, N, K.\n"
                        + "s.yaml:20:28: error: Cannot tell whether class 'widget' of reg is storage or compute; storage "
                        + "classes contain DRAM, SRAM, regfile, smartbuffer or storage, and arithmetic classes contain mac.",
                errors(() -> TimeloopLoader.assemble(List.of(doc("s.yaml", broken)), false)));
    }

    @Test
    void otherTimeloopSectionsAreRecognisedAndLeftAlone() {
        TimeloopDocument d = doc("m.yaml", "mapper:\n  algorithm: random-pruned\nmapspace_constraints:\n  targets: []\n"
                + "notes: hello\n");
        assertEquals(EnumSet.of(Section.MAPPER, Section.MAPSPACE_CONSTRAINTS), d.sections());
        assertEquals(List.of("notes"), d.otherKeys());
        TimeloopInputs in = TimeloopLoader.assemble(List.of(doc("spec.yaml", Small.SPEC), d), false);
        assertEquals(2, in.documents().size());
    }

    @Test
    void theReferenceMapperFilesAreRecognised() {
        Path mapper = Reference.timeloop().resolve("mapper/eyeriss_like/tiny_conv");
        assertEquals(EnumSet.of(Section.ARCHITECTURE_CONSTRAINTS, Section.MAPSPACE_CONSTRAINTS),
                TimeloopDocument.read(mapper.resolve("constraints.yaml")).sections());
        assertEquals(EnumSet.of(Section.MAPPER), TimeloopDocument.read(mapper.resolve("mapper.yaml")).sections());
    }

    @Test
    void theTopLevelMustBeAMapping() {
        assertEquals("l.yaml:1:1: error: The top level of a Timeloop file must be a mapping of sections such as "
                        + "'problem:', 'architecture:', 'ERT:' or 'mapping:', but it is a list.",
                errors(() -> doc("l.yaml", "- problem\n- mapping\n")));
        assertEquals("nowhere.yaml: error: Cannot read the file (nowhere.yaml); check that it exists, is readable and "
                + "is UTF-8 text.", errors(() -> TimeloopDocument.read(Path.of("nowhere.yaml"))));
    }
}
