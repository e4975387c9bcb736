package org.mapwright.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.mapwright.arch.Architecture;
import org.mapwright.diag.Diagnostic;
import org.mapwright.diag.Diagnostics;
import org.mapwright.diag.InputException;
import org.mapwright.diag.SourceSpan;
import org.mapwright.diag.Suggestions;
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.dsl.NamedConstraints;
import org.mapwright.mapspace.Constraints;
import org.mapwright.onnx.ImportedModel;
import org.mapwright.timeloop.ArchitectureReader;
import org.mapwright.timeloop.ErtReader;
import org.mapwright.timeloop.ProblemReader;
import org.mapwright.timeloop.TimeloopDocument;
import org.mapwright.timeloop.TimeloopDocument.Section;
import org.mapwright.timeloop.TimeloopLoader;
import org.mapwright.timeloop.YamlMap;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Workload;

/**
 * What {@code mapwright map} maps: the layers of one network (or the top-level DSL layers, or one Timeloop problem)
 * on one accelerator, and the constraints that apply, assembled from DSL files, Timeloop YAML files and the built-in
 * library. DSL and YAML inputs may be mixed, such as a DSL network on a Timeloop architecture; the workload may also
 * be an ONNX model ({@code --workload model.onnx}).
 */
final class MapInputs {
    /** The accelerators of the built-in library, named after their files. */
    static final List<String> BUILTIN_ACCELERATORS = org.mapwright.api.Mapwright.BUILTIN_ACCELERATORS;
    /** The networks of the built-in library, named after their files. */
    static final List<String> BUILTIN_NETWORKS = org.mapwright.api.Mapwright.BUILTIN_NETWORKS;

    /**
     * A loaded accelerator or workload and the DSL include lines that bring it into a new file; empty includes
     * when it came from Timeloop YAML, which DSL files cannot include.
     */
    private record Part<T>(T value, Optional<List<String>> includes) {
    }

    private final List<Path> files;
    private final List<Path> yamlFiles;
    private final boolean yamlConstraints;
    private final Set<String> builtins = new LinkedHashSet<>();
    private Part<Architecture> arch;
    private String workloadName;
    private Optional<String> network = Optional.empty();
    private List<Layer> layers;
    private Optional<List<String>> workloadIncludes;
    private Constraints dslConstraints = Constraints.NONE;
    private final List<String> constraintNames = new ArrayList<>();
    /** Warnings from the Timeloop readers; each is shown once, however many layers repeat it. */
    private final Diagnostics warnings = new Diagnostics();
    private final Set<Diagnostic> shown = new java.util.HashSet<>();
    /** The ONNX import's report, when the workload is an ONNX model. */
    private final List<String> notes = new ArrayList<>();

    private MapInputs(List<Path> files, List<Path> yamlFiles, List<TimeloopDocument> docs) {
        this.files = List.copyOf(files);
        this.yamlFiles = List.copyOf(yamlFiles);
        this.yamlConstraints = docs.stream().anyMatch(d -> d.sections().stream().anyMatch(Section::holdsConstraints));
    }

    /**
     * Loads the inputs.
     *
     * @param archName        {@code --arch}, or null
     * @param workloadName    {@code --workload}, or null
     * @param constraintsName {@code --constraints}, or null
     * @throws InputException for every kind of bad input, with a message that says what to give instead
     */
    static MapInputs load(List<Path> files, String archName, String workloadName, String constraintsName) {
        return read(files, (in, r) -> {
            in.arch = in.accelerator(archName, r.lib(), r.docs(), r.dslFiles());
            in.workload(workloadName, r.lib(), r.docs(), r.dslFiles());
            in.constraints(constraintsName, r.lib());
        });
    }

    /** The input files, read once: DSL files into a library, YAML files into Timeloop documents. */
    private record Read(List<Path> dslFiles, Library lib, List<TimeloopDocument> docs) {
    }

    private static MapInputs read(List<Path> files,
                                  java.util.function.BiConsumer<MapInputs, Read> fill) {
        List<Path> dslFiles = new ArrayList<>();
        List<Path> yamlFiles = new ArrayList<>();
        for (Path p : files) {
            (InputFiles.classify(p) == InputFiles.Kind.DSL ? dslFiles : yamlFiles).add(p);
        }
        Library lib = dslFiles.isEmpty() ? Library.empty() : Frontend.load(dslFiles);
        List<TimeloopDocument> docs = TimeloopLoader.readAll(yamlFiles);
        MapInputs in = new MapInputs(files, yamlFiles, docs);
        fill.accept(in, new Read(dslFiles, lib, docs));
        return in;
    }

    /**
     * Loads the workload alone, as {@code --workload} names it (a network of the files, a built-in one, an ONNX
     * model; or the files' one network, top-level layers or Timeloop problem), for commands that need no accelerator.
     *
     * @throws InputException for every kind of bad input
     */
    static MapInputs loadWorkload(List<Path> files, String workloadName) {
        return read(files, (in, r) -> in.workload(workloadName, r.lib(), r.docs(), r.dslFiles()));
    }

    List<Path> files() {
        return files;
    }

    /** The built-in library files used, as {@code builtin:NAME.mw}. */
    List<String> builtins() {
        return List.copyOf(builtins);
    }

    Architecture architecture() {
        return arch.value();
    }

    /** Turns off forwarding between neighbouring instances ({@code --no-link-transfers}). */
    void disableLinkTransfers() {
        arch = new Part<>(arch.value().withLinkTransfers(false), arch.includes());
    }

    /** Makes the on-chip networks free ({@code --no-network-energy}). */
    void disableNetworkEnergy() {
        arch = new Part<>(arch.value().withoutNetworkEnergy(), arch.includes());
    }

    /** The network's name, the top-level layer names, or the Timeloop problem's name. */
    String workloadName() {
        return workloadName;
    }

    /** Every layer of the workload, in order. */
    List<Layer> layers() {
        return layers;
    }

    /** The network the layers come from, when they come from one (not top-level layers or a Timeloop problem). */
    Optional<String> network() {
        return network;
    }

    /** How a mapping declaration names a layer: {@code network.layer}, or the layer's own name. */
    String target(String layer) {
        return network.map(n -> n + "." + layer).orElse(layer);
    }

    /** The include lines a DSL file needs to name the layers and the accelerator; empty if YAML is involved. */
    Optional<List<String>> includes() {
        if (arch.includes().isEmpty() || workloadIncludes.isEmpty()) {
            return Optional.empty();
        }
        Set<String> all = new LinkedHashSet<>(workloadIncludes.get());
        all.addAll(arch.includes().get());
        return Optional.of(List.copyOf(all));
    }

    /** What reading the workload skipped or assumed (an ONNX model's report), one line each, for stderr. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /** Names of the DSL constraints declarations that apply. */
    List<String> constraintNames() {
        return List.copyOf(constraintNames);
    }

    /** Warnings from reading Timeloop files that have not been returned before, in source order. */
    List<Diagnostic> newWarnings() {
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic x : warnings.warnings()) {
            if (shown.add(x)) {
                out.add(x);
            }
        }
        return out;
    }

    /**
     * The constraints for one layer: the DSL constraints and the Timeloop constraints sections, which are read per
     * layer because they are checked against its dimensions and tensors. Reading warnings go to {@link #newWarnings}.
     */
    Constraints constraintsFor(Workload w) {
        if (!yamlConstraints) {
            return dslConstraints;
        }
        Constraints yaml = TimeloopLoader.constraints(yamlFiles, w, arch.value(), warnings);
        try {
            return yaml.and(dslConstraints);
        } catch (IllegalArgumentException e) {
            throw badInput("layer " + w.name(), "The Timeloop and DSL constraints contradict each other: "
                    + e.getMessage());
        }
    }

    private Part<Architecture> accelerator(String name, Library lib, List<TimeloopDocument> docs, List<Path> dslFiles) {
        Optional<TimeloopDocument> archDoc = only(docs, Section.ARCHITECTURE);
        if (name != null) {
            if (lib.accelerators().containsKey(name)) {
                return new Part<>(lib.accelerators().get(name),
                        Optional.of(userIncludes(dslFiles, l -> l.accelerators().containsKey(name))));
            }
            if (archDoc.isPresent() && archDoc.get().baseName().equals(name)) {
                return new Part<>(timeloopArch(archDoc.get(), docs, warnings), Optional.empty());
            }
            Optional<Library> builtin = builtin(name);
            if (builtin.isPresent() && builtin.get().accelerators().containsKey(name)) {
                return new Part<>(builtin.get().accelerators().get(name), Optional.of(List.of(Frontend.BUILTIN + name + ".mw")));
            }
            throw badInput("--arch", "There is no accelerator `" + name + "` in the input files or the built-in library"
                    + Suggestions.closest(name, union(lib.accelerators().keySet(), BUILTIN_ACCELERATORS))
                            .map(c -> "; did you mean `" + c + "`?").orElse(".")
                    + " The built-in accelerators are " + String.join(", ", BUILTIN_ACCELERATORS) + ".");
        }
        if (lib.accelerators().size() == 1) {
            String only = lib.accelerators().keySet().iterator().next();
            return new Part<>(lib.accelerators().get(only), Optional.of(userIncludes(dslFiles, l -> l.accelerators().containsKey(only))));
        }
        if (lib.accelerators().size() > 1) {
            throw badInput("--arch", "The input files declare " + lib.accelerators().size() + " accelerators ("
                    + String.join(", ", lib.accelerators().keySet()) + "); choose one with --arch NAME.");
        }
        if (archDoc.isPresent()) {
            return new Part<>(timeloopArch(archDoc.get(), docs, warnings), Optional.empty());
        }
        throw badInput("--arch", "No accelerator is given; name a built-in one with --arch NAME ("
                + String.join(", ", BUILTIN_ACCELERATORS) + "), or give a DSL file that declares one or Timeloop "
                + "architecture and ERT files.");
    }

    private static Architecture timeloopArch(TimeloopDocument archDoc, List<TimeloopDocument> docs,
                                             Diagnostics warnings) {
        TimeloopDocument ertDoc = only(docs, Section.ERT).orElseThrow(() -> new InputException(
                SourceSpan.file(archDoc.file()), "The Timeloop architecture needs an energy reference table, but no "
                + "input file has an 'ERT' section; add the ERT file (Accelergy writes one as ERT.yaml)."));
        var ert = ErtReader.read(ertDoc.section(Section.ERT).orElseThrow().value(), warnings);
        return ArchitectureReader.read(archDoc.section(Section.ARCHITECTURE).orElseThrow().value(), ert,
                archDoc.baseName(), warnings);
    }

    private void workload(String name, Library lib, List<TimeloopDocument> docs, List<Path> dslFiles) {
        Optional<TimeloopDocument> problemDoc = only(docs, Section.PROBLEM);
        Optional<ImportedModel> onnx = OnnxWorkloads.read("--workload", name);
        if (onnx.isPresent()) {
            network(onnx.get().network().name(), onnx.get().network().layers(), Optional.empty());
            notes.addAll(OnnxWorkloads.notes(onnx.get()));
            return;
        }
        if (name != null) {
            if (lib.networks().containsKey(name)) {
                network(name, lib, Optional.of(userIncludes(dslFiles, l -> l.networks().containsKey(name))));
            } else if (lib.layers().containsKey(name)) {
                topLevel(List.of(name), lib, dslFiles);
            } else if (problemDoc.isPresent() && problemDoc.get().baseName().equals(name)) {
                problem(problemDoc.get());
            } else {
                Optional<Library> builtin = builtin(name);
                if (builtin.isEmpty() || !builtin.get().networks().containsKey(name)) {
                    List<String> known = union(union(lib.networks().keySet(), lib.layers().keySet()), BUILTIN_NETWORKS);
                    throw badInput("--workload", "There is no network or layer `" + name + "` in the input files or "
                            + "the built-in library" + Suggestions.closest(name, known).map(c -> "; did you mean `" + c + "`?")
                            .orElse(".") + " The built-in networks are " + String.join(", ", BUILTIN_NETWORKS) + ".");
                }
                network(name, builtin.get(), Optional.of(List.of(Frontend.BUILTIN + name + ".mw")));
            }
            return;
        }
        if (lib.networks().size() > 1) {
            throw badInput("--workload", "The input files declare " + lib.networks().size() + " networks ("
                    + String.join(", ", lib.networks().keySet()) + "); choose one with --workload NAME.");
        }
        if (lib.networks().size() == 1) {
            String only = lib.networks().keySet().iterator().next();
            network(only, lib, Optional.of(userIncludes(dslFiles, l -> l.networks().containsKey(only))));
        } else if (!lib.layers().isEmpty()) {
            topLevel(List.copyOf(lib.layers().keySet()), lib, dslFiles);
        } else if (problemDoc.isPresent()) {
            problem(problemDoc.get());
        } else {
            throw badInput("--workload", "No workload is given; name a built-in network with --workload NAME ("
                    + String.join(", ", BUILTIN_NETWORKS) + "), or give a DSL file that declares a network or layers, "
                    + "or a Timeloop problem file.");
        }
    }

    private void network(String name, Library lib, Optional<List<String>> includes) {
        network(name, lib.networks().get(name).layers(), includes);
    }

    private void network(String name, List<Layer> networkLayers, Optional<List<String>> includes) {
        workloadName = name;
        network = Optional.of(name);
        layers = networkLayers;
        workloadIncludes = includes;
    }

    private void topLevel(List<String> names, Library lib, List<Path> dslFiles) {
        workloadName = String.join(", ", names);
        List<Layer> ls = new ArrayList<>();
        for (String n : names) {
            ls.add(new Layer(n, lib.layers().get(n), 1));
        }
        layers = List.copyOf(ls);
        workloadIncludes = Optional.of(userIncludes(dslFiles, l -> l.layers().keySet().containsAll(names)));
    }

    private void problem(TimeloopDocument doc) {
        Workload w = ProblemReader.read(doc.section(Section.PROBLEM).orElseThrow().value(), doc.baseName(), warnings);
        workloadName = w.name();
        layers = List.of(new Layer(w.name(), w, 1));
        workloadIncludes = Optional.empty();
    }

    private void constraints(String name, Library lib) {
        String archName = arch.value().name();
        List<NamedConstraints> chosen = new ArrayList<>();
        if (name != null) {
            NamedConstraints nc = lib.constraints().get(name);
            if (nc == null) {
                throw badInput("--constraints", "The input files declare no constraints called `" + name + "`"
                        + Suggestions.hint(name, lib.constraints().keySet()));
            }
            if (nc.accelerator().isPresent() && !nc.accelerator().get().equals(archName)) {
                throw badInput("--constraints", "Constraints " + name + " are written for accelerator "
                        + nc.accelerator().get() + ", but the mapping is for " + archName + "; choose constraints "
                        + "written for " + archName + " or another accelerator with --arch.");
            }
            chosen.add(nc);
        } else {
            lib.constraints().values().stream().filter(nc -> nc.accelerator().equals(Optional.of(archName))).forEach(chosen::add);
        }
        for (NamedConstraints nc : chosen) {
            try {
                dslConstraints = dslConstraints.and(nc.constraints());
            } catch (IllegalArgumentException e) {
                throw badInput("--constraints", "The constraints declarations for " + archName + " contradict each "
                        + "other: " + e.getMessage() + " Choose one with --constraints NAME.");
            }
            constraintNames.add(nc.name());
        }
    }

    /** The built-in file NAME.mw, loaded, if NAME is a plain name and the file exists. */
    private Optional<Library> builtin(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*") || Frontend.builtinText(name + ".mw").isEmpty()) {
            return Optional.empty();
        }
        builtins.add(Frontend.BUILTIN + name + ".mw");
        return Optional.of(Frontend.loadBuiltin(name + ".mw"));
    }

    /**
     * The include lines for a declaration from the user's DSL files: the one file that declares it (with its own
     * includes), or every DSL file when it takes several of them together.
     */
    private static List<String> userIncludes(List<Path> dslFiles, Predicate<Library> declares) {
        if (dslFiles.size() > 1) {
            for (Path f : dslFiles) {
                try {
                    if (declares.test(Frontend.load(List.of(f)))) {
                        return List.of(f.toAbsolutePath().normalize().toString());
                    }
                } catch (InputException e) {
                    // this file does not stand alone; it needs the others
                }
            }
        }
        return dslFiles.stream().map(f -> f.toAbsolutePath().normalize().toString()).toList();
    }

    private static Optional<TimeloopDocument> only(List<TimeloopDocument> docs, Section s) {
        List<TimeloopDocument> with = docs.stream().filter(d -> d.has(s)).toList();
        if (with.size() > 1) {
            YamlMap.Entry second = with.get(1).section(s).orElseThrow();
            throw new InputException(second.key().span(), "A second '" + s.key() + "' section; the first is at "
                    + with.get(0).section(s).orElseThrow().key().span() + ". Give each section once.");
        }
        return with.stream().findFirst();
    }

    private static List<String> union(java.util.Collection<String> a, java.util.Collection<String> b) {
        Set<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }

    /** Bad input that belongs to no file position: {@code where: error: message}. */
    static InputException badInput(String where, String message) {
        return new InputException(SourceSpan.of(where, 0, 0), message);
    }
}
