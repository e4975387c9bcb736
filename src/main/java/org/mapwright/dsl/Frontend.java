package org.mapwright.dsl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mapwright.arch.Architecture;
import org.mapwright.archspace.ArchSpace;
import org.mapwright.diag.Diagnostics;
import org.mapwright.diag.InputException;
import org.mapwright.diag.SourceSpan;
import org.mapwright.dsl.Ast.AcceleratorDecl;
import org.mapwright.dsl.Ast.Decl;
import org.mapwright.dsl.Ast.Include;
import org.mapwright.dsl.Ast.LayerDecl;
import org.mapwright.dsl.Ast.MappingDecl;
import org.mapwright.dsl.Ast.Name;
import org.mapwright.dsl.Ast.NetworkDecl;
import org.mapwright.dsl.Ast.WorkloadDecl;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;
import org.mapwright.workload.Workload;

/**
 * The DSL front end as a fixed pipeline: text, parse tree, AST with spans, checker, IR. It follows
 * {@code include "file"} (relative to the including file; {@code "builtin:name.mw"} for the shipped library),
 * parses every file once, rejects include cycles, and reports all semantic errors together.
 */
public final class Frontend {
    /** Prefix of includes that name a file of the built-in library ({@code workloads/} in the repository). */
    public static final String BUILTIN = "builtin:";

    /** Largest repeat count of a network layer. */
    static final int MAX_REPEAT = 1_000_000;

    private final Diagnostics diags = new Diagnostics();
    private final List<Ast.SourceFile> files = new ArrayList<>();
    private final Set<String> loaded = new LinkedHashSet<>();

    private Frontend() {
    }

    /** Loads and checks DSL files; throws {@link InputException} with every error found. */
    public static Library load(List<Path> paths) {
        Frontend f = new Frontend();
        for (Path p : paths) {
            f.loadFile(p.toString(), p, SourceSpan.file(p.toString()), new ArrayList<>());
        }
        return f.check();
    }

    /** Loads and checks DSL text given in memory; includes resolve against the working directory. */
    public static Library loadText(String name, String text) {
        Frontend f = new Frontend();
        String key = Path.of(name).toAbsolutePath().normalize().toString();
        f.loaded.add(key);
        f.loadSource(name, text, Path.of(key).getParent(), new ArrayList<>(List.of(key)));
        return f.check();
    }

    /** Loads a file of the built-in library by name, such as {@code eyeriss_like.mw}. */
    public static Library loadBuiltin(String name) {
        Frontend f = new Frontend();
        f.loadBuiltin(name, SourceSpan.file(BUILTIN + name), new ArrayList<>());
        return f.check();
    }

    /** Reads a built-in library file's text, if it exists. */
    public static Optional<String> builtinText(String name) {
        try (InputStream in = Frontend.class.getResourceAsStream("/workloads/" + name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void loadFile(String display, Path path, SourceSpan from, List<String> stack) {
        String key = path.toAbsolutePath().normalize().toString();
        if (cycle(key, display, from, stack) || !loaded.add(key)) {
            return;
        }
        String text;
        try {
            text = decode(Files.readAllBytes(path));
        } catch (CharacterCodingException e) {
            diags.error(from, "File " + display + " is not UTF-8 text; DSL files are plain text.");
            return;
        } catch (IOException e) {
            diags.error(from, "Cannot read " + display + ": " + (Files.exists(path) ? e.getMessage() : "no such file")
                    + (stack.isEmpty() ? "." : "; include paths are relative to the including file."));
            return;
        }
        stack.add(key);
        loadSource(display, text, path.toAbsolutePath().getParent(), stack);
        stack.remove(stack.size() - 1);
    }

    private void loadBuiltin(String name, SourceSpan from, List<String> stack) {
        String key = BUILTIN + name;
        if (cycle(key, key, from, stack) || !loaded.add(key)) {
            return;
        }
        Optional<String> text = builtinText(name);
        if (text.isEmpty()) {
            diags.error(from, "There is no built-in file `" + name + "`; see the workloads/ folder for the built-in library.");
            return;
        }
        stack.add(key);
        loadSource(key, text.get(), null, stack);
        stack.remove(stack.size() - 1);
    }

    private boolean cycle(String key, String display, SourceSpan from, List<String> stack) {
        int at = stack.indexOf(key);
        if (at < 0) {
            return false;
        }
        List<String> chain = new ArrayList<>(stack.subList(at, stack.size()));
        chain.add(key);
        diags.error(from, "Include cycle: " + String.join(" includes ", chain.stream().map(Frontend::shortName).toList())
                + "; remove one of these includes.");
        return true;
    }

    private static String shortName(String key) {
        return key.startsWith(BUILTIN) ? key : Path.of(key).getFileName().toString();
    }

    private void loadSource(String display, String text, Path dir, List<String> stack) {
        Ast.SourceFile file;
        try {
            file = DslParser.parse(display, text);
        } catch (InputException e) {
            e.diagnostics().forEach(diags::add);
            return;
        }
        for (Decl d : file.decls()) {
            if (d instanceof Include inc) {
                if (inc.path().startsWith(BUILTIN)) {
                    loadBuiltin(inc.path().substring(BUILTIN.length()), inc.span(), stack);
                } else if (dir == null) {
                    // a built-in file's relative includes name other built-in files
                    loadBuiltin(inc.path(), inc.span(), stack);
                } else {
                    Path target;
                    try {
                        target = dir.resolve(inc.path()).normalize();
                    } catch (java.nio.file.InvalidPathException e) {
                        diags.error(inc.span(), "`" + inc.path().replace("\0", "\\0") + "` is not a valid file path ("
                                + e.getReason() + "); include a file by its path relative to this file.");
                        continue;
                    }
                    loadFile(displayPath(target), target, inc.span(), stack);
                }
            }
        }
        // after its includes, so that a clash with an included declaration is reported in the including file
        files.add(file);
    }

    private static String displayPath(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }

    private Library check() {
        Map<String, Decl> declared = new HashMap<>();
        Map<String, WorkloadTemplate> templates = new LinkedHashMap<>();
        Map<String, Workload> layers = new LinkedHashMap<>();
        Map<String, Network> networks = new LinkedHashMap<>();
        Map<String, Architecture> accelerators = new LinkedHashMap<>();
        Map<String, BoundMapping> mappings = new LinkedHashMap<>();
        Map<String, ArchSpace> spaces = new LinkedHashMap<>();
        SpaceChecker spaceChecker = SpaceChecker.builtin(diags);
        WorkloadChecker wc = new WorkloadChecker(diags);
        List<Decl> all = files.stream().flatMap(f -> f.decls().stream()).toList();
        for (Decl d : all) {
            if (d instanceof WorkloadDecl w && unique("workload", w.name(), d, declared)) {
                wc.check(w).ifPresent(t -> templates.put(t.name(), t));
            }
        }
        for (Decl d : all) {
            if (d instanceof LayerDecl l && unique("layer", l.name(), d, declared)) {
                if (l.instance().repeat().isPresent()) {
                    diags.error(l.instance().repeat().get().span(), "A top-level layer has no repeat count; repeats belong to layers inside a network.");
                }
                if (templates.containsKey(l.instance().template().text()) || !declared.containsKey("workload " + l.instance().template().text())) {
                    wc.instantiate(l.name().text(), l.instance(), templates).ifPresent(w -> layers.put(l.name().text(), w));
                }
            } else if (d instanceof NetworkDecl n && unique("network", n.name(), d, declared)) {
                network(n, wc, templates, declared).ifPresent(net -> networks.put(net.name(), net));
            } else if (d instanceof AcceleratorDecl a && unique("accelerator", a.name(), d, declared)) {
                new ArchChecker(diags).check(a).ifPresent(arch -> accelerators.put(arch.name(), arch));
            } else if (d instanceof SpaceAst.SpaceDecl s && unique("space", s.name(), d, declared)) {
                spaceChecker.check(s).ifPresent(sp -> spaces.put(sp.name(), sp));
            }
        }
        MappingResolver mr = new MappingResolver(diags, layers, networks, accelerators);
        ConstraintsChecker cc = new ConstraintsChecker(diags, accelerators);
        Map<String, NamedConstraints> constraints = new LinkedHashMap<>();
        for (Decl d : all) {
            if (d instanceof MappingDecl m && unique("mapping", m.name(), d, declared)) {
                mr.resolve(m).ifPresent(bm -> mappings.put(bm.name(), bm));
            } else if (d instanceof Ast.ConstraintsDecl c && unique("constraints", c.name(), d, declared)) {
                cc.check(c).ifPresent(nc -> constraints.put(nc.name(), nc));
            }
        }
        diags.throwIfErrors();
        return new Library(templates, layers, networks, accelerators, mappings, constraints, spaces);
    }

    private boolean unique(String kind, Name name, Decl d, Map<String, Decl> declared) {
        Decl prev = declared.putIfAbsent(kind + " " + name.text(), d);
        if (prev != null && prev != d) {
            diags.error(name.span(), Values.capitalize(kind) + " " + name + " is declared twice (first at " + prev.span()
                    + "); rename one or drop the duplicate include.");
            return false;
        }
        return true;
    }

    private Optional<Network> network(NetworkDecl n, WorkloadChecker wc, Map<String, WorkloadTemplate> templates,
                                      Map<String, Decl> declared) {
        int before = diags.errorCount();
        List<Layer> layers = new ArrayList<>();
        Map<String, Name> names = new HashMap<>();
        for (LayerDecl l : n.layers()) {
            Name prev = names.putIfAbsent(l.name().text(), l.name());
            if (prev != null) {
                diags.error(l.name().span(), "Network " + n.name() + " has two layers named " + l.name() + " (first at "
                        + prev.span() + "); rename one.");
                continue;
            }
            int repeat = 1;
            if (l.instance().repeat().isPresent()) {
                repeat = (int) Values.positiveInt(l.instance().repeat().get(), "the repeat count", MAX_REPEAT, diags).orElse(1);
            }
            if (!templates.containsKey(l.instance().template().text()) && declared.containsKey("workload " + l.instance().template().text())) {
                continue; // the template itself has errors, already reported
            }
            Optional<Workload> w = wc.instantiate(l.name().text(), l.instance(), templates);
            if (w.isPresent()) {
                layers.add(new Layer(l.name().text(), w.get(), repeat));
            }
        }
        if (n.layers().isEmpty()) {
            diags.error(n.name().span(), "Network " + n.name() + " has no layers; add lines such as `conv1 = conv2d(C = 3, M = 64, ...)`.");
        }
        // Layers of templates with errors are skipped above (those errors are reported already), so a network can be
        // left without layers and no new error of its own.
        if (diags.errorCount() > before || layers.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Network(n.name().text(), layers));
    }
}
