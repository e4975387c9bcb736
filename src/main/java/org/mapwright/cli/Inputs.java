package org.mapwright.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mapwright.diag.Diagnostic;
import org.mapwright.diag.InputException;
import org.mapwright.diag.SourceSpan;
import org.mapwright.dsl.BoundMapping;
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.timeloop.TimeloopDocument;
import org.mapwright.timeloop.TimeloopInputs;
import org.mapwright.timeloop.TimeloopLoader;

/**
 * The files of one command, split by language and loaded: DSL files through the DSL front end, Timeloop YAML
 * files through the Timeloop reader.
 */
final class Inputs {
    private final List<Path> files;
    private final Library dsl;
    private final List<Path> yamlFiles;
    private List<Diagnostic> warnings = List.of();

    private Inputs(List<Path> files, Library dsl, List<Path> yamlFiles) {
        this.files = files;
        this.dsl = dsl;
        this.yamlFiles = yamlFiles;
    }

    static Inputs load(List<Path> files) {
        List<Path> dslFiles = new ArrayList<>();
        List<Path> yamlFiles = new ArrayList<>();
        for (Path p : files) {
            (InputFiles.classify(p) == InputFiles.Kind.DSL ? dslFiles : yamlFiles).add(p);
        }
        Library lib = dslFiles.isEmpty() ? Library.empty() : Frontend.load(dslFiles);
        return new Inputs(files, lib, yamlFiles);
    }

    Library dsl() {
        return dsl;
    }

    /** The one mapping these inputs describe, or the DSL mapping called {@code name}. */
    BoundMapping theMapping(String name) {
        if (!yamlFiles.isEmpty()) {
            if (yamlFiles.size() != files.size()) {
                throw new InputException(SourceSpan.file(yamlFiles.get(0).toString()), "Give either Mapwright DSL files or "
                        + "Timeloop YAML files for one evaluation, not both; a DSL mapping can be written as Timeloop YAML "
                        + "and the other way round.");
            }
            TimeloopInputs t = TimeloopLoader.load(yamlFiles, true);
            warnings = t.warnings();
            String mappingName = t.documents().stream().filter(d -> d.has(TimeloopDocument.Section.MAPPING))
                    .map(TimeloopDocument::baseName).findFirst().orElse("mapping");
            return new BoundMapping(mappingName, t.workload(), t.architecture(), t.mapping().orElseThrow());
        }
        if (name != null) {
            BoundMapping m = dsl.mappings().get(name);
            if (m == null) {
                throw new InputException(SourceSpan.file(files.get(0).toString()), "No mapping is called `" + name
                        + "`" + org.mapwright.diag.Suggestions.hint(name, dsl.mappings().keySet()));
            }
            return m;
        }
        if (dsl.mappings().size() == 1) {
            return dsl.mappings().values().iterator().next();
        }
        if (dsl.mappings().isEmpty()) {
            throw new InputException(SourceSpan.file(files.get(files.size() - 1).toString()), "The inputs declare no mapping "
                    + "to evaluate; add a `mapping NAME for LAYER on ACCELERATOR { ... }` declaration or a Timeloop mapping file.");
        }
        throw new InputException(SourceSpan.file(files.get(0).toString()), "The inputs declare " + dsl.mappings().size()
                + " mappings (" + String.join(", ", dsl.mappings().keySet()) + "); choose one with --mapping NAME.");
    }

    /** Warnings from reading the Timeloop files of {@link #theMapping}, for the user to see on stderr. */
    List<Diagnostic> warnings() {
        return warnings;
    }

    /** Tool, version and input hashes, attached to every result. */
    ObjectNode provenance(String command) {
        ObjectNode p = EvaluationJson.MAPPER.createObjectNode();
        p.put("tool", "mapwright");
        p.put("version", Main.version());
        p.put("command", command);
        p.put("cost_model", "analytical (Timeloop v3 counting rules)");
        ArrayNode in = p.putArray("inputs");
        for (Path f : files) {
            ObjectNode o = in.addObject();
            o.put("path", f.toString());
            o.put("sha256", InputFiles.sha256(f));
        }
        return p;
    }
}
