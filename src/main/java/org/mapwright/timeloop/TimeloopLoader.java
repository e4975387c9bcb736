package org.mapwright.timeloop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mapwright.arch.Architecture;
import org.mapwright.diag.Diagnostics;
import org.mapwright.diag.InputException;
import org.mapwright.diag.SourceSpan;
import org.mapwright.mapping.Mapping;
import org.mapwright.mapspace.Constraints;
import org.mapwright.workload.Workload;

/**
 * Assembles a workload, an accelerator (architecture plus ERT), optionally a mapping, and the constraints on mappings
 * from Timeloop files, split across the files in any way. Each section must appear exactly once over all files,
 * except the constraints sections ({@code architecture_constraints}, {@code mapspace_constraints}, {@code constraints},
 * {@code mapspace}), which may appear in any number of files and combine. Errors of every file and section are
 * collected and reported together. The workload and the accelerator are named after the files that hold their
 * sections (without extension).
 */
public final class TimeloopLoader {
    private TimeloopLoader() {
    }

    /** Loads the files; a mapping is read if one is present. */
    public static TimeloopInputs load(List<Path> files) {
        return load(files, false);
    }

    /**
     * Loads the files. Constraints sections are read whether or not a mapping is required, so that a search can
     * load a problem, an accelerator and its constraints with {@code mappingRequired} false.
     *
     * @param mappingRequired whether a missing {@code mapping} section is an error
     * @throws InputException with every error found in any file
     */
    public static TimeloopInputs load(List<Path> files, boolean mappingRequired) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("Give at least one Timeloop file.");
        }
        return assemble(readAll(files), mappingRequired);
    }

    /**
     * Reads only the constraints sections of {@code files}, for a workload and an accelerator described elsewhere
     * (in the DSL, say). Other sections are ignored, and a file without constraints sections adds none.
     *
     * @return the constraints of all files combined, {@link Constraints#NONE} when there are none
     * @throws InputException with every error found in any file
     */
    public static Constraints constraints(List<Path> files, Workload w, Architecture a) {
        return constraints(files, w, a, new Diagnostics());
    }

    /** Like {@link #constraints(List, Workload, Architecture)}, adding the warnings to {@code warnings}. */
    public static Constraints constraints(List<Path> files, Workload w, Architecture a, Diagnostics warnings) {
        return constraintsOf(readAll(files), w, a, warnings);
    }

    /** The constraints sections of {@code docs}, in file order and within a file in key order, combined. */
    static Constraints constraintsOf(List<TimeloopDocument> docs, Workload w, Architecture a) {
        return constraintsOf(docs, w, a, new Diagnostics());
    }

    /** Like {@link #constraintsOf(List, Workload, Architecture)}, adding the warnings to {@code warnings}. */
    static Constraints constraintsOf(List<TimeloopDocument> docs, Workload w, Architecture a, Diagnostics warnings) {
        Diagnostics d = new Diagnostics();
        ConstraintsReader reader = new ConstraintsReader(w, a, d);
        for (TimeloopDocument doc : docs) {
            for (YamlMap.Entry e : doc.root().entries()) {
                if (TimeloopDocument.Section.forKey(e.name()).map(TimeloopDocument.Section::holdsConstraints)
                        .orElse(false)) {
                    reader.section(e.value());
                }
            }
        }
        Nodes.throwIfErrors(d);
        warnings.addAll(d.warnings());
        return reader.result();
    }

    /** Reads every file, reporting the errors of all of them together. */
    public static List<TimeloopDocument> readAll(List<Path> files) {
        Diagnostics d = new Diagnostics();
        List<TimeloopDocument> docs = new ArrayList<>();
        for (Path f : files) {
            try {
                docs.add(TimeloopDocument.read(f));
            } catch (InputException e) {
                d.addAll(e.diagnostics());
            }
        }
        Nodes.throwIfErrors(d);
        return docs;
    }

    /** Assembles already parsed documents; see {@link #load(List, boolean)}. */
    public static TimeloopInputs assemble(List<TimeloopDocument> docs, boolean mappingRequired) {
        if (docs.isEmpty()) {
            throw new IllegalArgumentException("Give at least one Timeloop file.");
        }
        Diagnostics d = new Diagnostics();
        Map<TimeloopDocument.Section, TimeloopDocument> owner = new EnumMap<>(TimeloopDocument.Section.class);
        for (TimeloopDocument doc : docs) {
            for (TimeloopDocument.Section s : doc.sections()) {
                TimeloopDocument first = owner.putIfAbsent(s, doc);
                if (first != null && s.interpreted() && !s.holdsConstraints()) {
                    SourceSpan at = doc.section(s).orElseThrow().key().span();
                    SourceSpan firstAt = first.section(s).orElseThrow().key().span();
                    d.error(at, "A second '" + s.key() + "' section; the first is at " + firstAt
                            + ". Give each section once.");
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (TimeloopDocument doc : docs) {
            names.add(doc.file());
        }
        SourceSpan nowhere = SourceSpan.of(docs.get(0).file(), 0, 0);
        String files = docs.size() == 1 ? "The input file" : "None of the input files (" + String.join(", ", names) + ")";
        String has = docs.size() == 1 ? " has no " : " has a ";
        require(owner, TimeloopDocument.Section.PROBLEM, d, nowhere, files + has + "'problem' section; add the problem "
                + "(shape and instance).");
        require(owner, TimeloopDocument.Section.ARCHITECTURE, d, nowhere, files + has + "'architecture' section; add "
                + "the accelerator's architecture.");
        require(owner, TimeloopDocument.Section.ERT, d, nowhere, files + has + "'ERT' section; add an energy reference "
                + "table (Accelergy writes one as ERT.yaml) with the energy of every storage level and the compute unit.");
        if (mappingRequired) {
            require(owner, TimeloopDocument.Section.MAPPING, d, nowhere, files + has + "'mapping' section; add the "
                    + "mapping to evaluate.");
        }
        Nodes.throwIfErrors(d);

        Diagnostics warnings = new Diagnostics();
        Workload w = attempt(d, () -> {
            TimeloopDocument doc = owner.get(TimeloopDocument.Section.PROBLEM);
            YamlMap.Entry e = doc.section(TimeloopDocument.Section.PROBLEM).orElseThrow();
            return ProblemReader.read(e.value(), e.key().span(), doc.baseName(), warnings);
        });
        Ert ert = attempt(d, () -> ErtReader.read(
                owner.get(TimeloopDocument.Section.ERT).section(TimeloopDocument.Section.ERT).orElseThrow().value(), warnings));
        Architecture a = ert == null ? null : attempt(d, () -> {
            TimeloopDocument doc = owner.get(TimeloopDocument.Section.ARCHITECTURE);
            YamlMap.Entry e = doc.section(TimeloopDocument.Section.ARCHITECTURE).orElseThrow();
            return ArchitectureReader.read(e.value(), e.key().span(), ert, doc.baseName(), warnings);
        });
        Mapping m = null;
        TimeloopDocument mappingDoc = owner.get(TimeloopDocument.Section.MAPPING);
        if (mappingDoc != null && w != null && a != null) {
            YamlMap.Entry e = mappingDoc.section(TimeloopDocument.Section.MAPPING).orElseThrow();
            m = attempt(d, () -> MappingReader.read(e.value(), e.key().span(), w, a, warnings));
        }
        Constraints c = w == null || a == null ? null : attempt(d, () -> constraintsOf(docs, w, a, warnings));
        Nodes.throwIfErrors(d);
        return new TimeloopInputs(w, a, Optional.ofNullable(m), c, docs, warnings.warnings());
    }

    private static void require(Map<TimeloopDocument.Section, TimeloopDocument> owner, TimeloopDocument.Section s,
                                Diagnostics d, SourceSpan at, String message) {
        if (!owner.containsKey(s)) {
            d.error(at, message);
        }
    }

    private static <T> T attempt(Diagnostics d, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (InputException e) {
            d.addAll(e.diagnostics());
            return null;
        }
    }
}
