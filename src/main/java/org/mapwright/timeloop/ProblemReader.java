package org.mapwright.timeloop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.mapwright.diag.Diagnostics;
import org.mapwright.diag.InputException;
import org.mapwright.diag.SourceSpan;
import org.mapwright.workload.Dim;
import org.mapwright.workload.IndexExpr;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.TensorId;
import org.mapwright.workload.Workload;

/**
 * Reads a Timeloop {@code problem} section into a {@link Workload}.
 *
 * <p>Accepts v0.3 ({@code data-spaces}, {@code read-write}) and v0.4 ({@code data_spaces}, {@code read_write})
 * spellings. The shape declares the dimensions, the coefficients with their defaults, and the data spaces in tensor
 * order; exactly one data space is read-write and becomes the output. {@code instance} gives the bounds (a
 * dimension it omits is 1) and overrides coefficient defaults. Names are kept exactly as written.
 */
public final class ProblemReader {
    /** Largest accepted coefficient (stride, dilation): far beyond any real layer. */
    public static final long MAX_COEFFICIENT = 1L << 20;

    private static final Set<String> PROBLEM_KEYS = Nodes.keys("shape", "instance", "version");
    private static final Set<String> SHAPE_KEYS = Nodes.keys("name", "dimensions", "coefficients", "data-spaces",
            "data_spaces", "version");
    private static final Set<String> SPACE_KEYS = Nodes.keys("name", "projection", "read-write", "read_write");
    private static final Set<String> COEFFICIENT_KEYS = Nodes.keys("name", "default");
    private static final String IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]*";

    private final Diagnostics d = new Diagnostics();
    private final List<String> dims = new ArrayList<>();
    private final Map<String, Long> coefficients = new LinkedHashMap<>();
    private final Map<String, Long> bounds = new LinkedHashMap<>();
    private final Map<String, SourceSpan> boundSpans = new LinkedHashMap<>();

    private ProblemReader() {
    }

    /**
     * Reads the value of a {@code problem:} key.
     *
     * @param problem the section's value
     * @param name    the workload's name (the loader uses the file name without extension)
     * @throws InputException with every error found
     */
    public static Workload read(YamlNode problem, String name) {
        return read(problem, name, new Diagnostics());
    }

    /** Like {@link #read(YamlNode, String)}, adding the warnings of a successful read to {@code warnings}. */
    public static Workload read(YamlNode problem, String name, Diagnostics warnings) {
        return read(problem, problem.span(), name, warnings);
    }

    /** Like {@link #read(YamlNode, String, Diagnostics)}; missing top-level keys are reported at {@code where}. */
    static Workload read(YamlNode problem, SourceSpan where, String name, Diagnostics warnings) {
        ProblemReader r = new ProblemReader();
        Workload w = r.run(problem, where, name);
        warnings.addAll(r.d.warnings());
        return w;
    }

    private Workload run(YamlNode node, SourceSpan where, String name) {
        YamlMap problem = Nodes.map(node, "the 'problem' section", d);
        if (problem == null) {
            Nodes.throwIfErrors(d);
        }
        Nodes.ignoreUnknownKeys(problem, PROBLEM_KEYS, "the 'problem' section", d);
        YamlMap.Entry shapeEntry = Nodes.require(problem, where, "the 'problem' section", d, "shape");
        if (shapeEntry == null) {
            Nodes.throwIfErrors(d);
        }
        if (shapeEntry.value() instanceof YamlScalar) {
            d.error(shapeEntry.value().span(), "The shape '" + ((YamlScalar) shapeEntry.value()).text()
                    + "' refers to a shape file; write the shape inline (dimensions, coefficients, data-spaces).");
            Nodes.throwIfErrors(d);
        }
        YamlMap shape = Nodes.map(shapeEntry.value(), "'shape'", d);
        if (shape == null) {
            Nodes.throwIfErrors(d);
        }
        Nodes.ignoreUnknownKeys(shape, SHAPE_KEYS, "the problem's 'shape'", d);
        SourceSpan shapeAt = shapeEntry.key().span();
        readDimensions(Nodes.require(shape, shapeAt, "the problem's 'shape'", d, "dimensions"));
        if (dims.isEmpty()) {
            Nodes.throwIfErrors(d);
        }
        Nodes.optional(shape, "The problem's 'shape'", d, "coefficients").ifPresent(this::readCoefficients);
        Nodes.optional(problem, "The 'problem' section", d, "instance").ifPresent(this::readInstance);
        checkMacs();
        YamlMap.Entry spaces = Nodes.require(shape, shapeAt, "the problem's 'shape'", d, "data-spaces", "data_spaces");
        List<Tensor> tensors = spaces == null ? List.of() : readDataSpaces(spaces);
        Nodes.throwIfErrors(d);
        Map<Dim, Long> b = new LinkedHashMap<>();
        List<Dim> dimList = new ArrayList<>();
        for (String dim : dims) {
            dimList.add(Dim.of(dim));
            b.put(Dim.of(dim), bounds.getOrDefault(dim, 1L));
        }
        try {
            return new Workload(name, dimList, b, tensors, coefficients);
        } catch (IllegalArgumentException e) {
            throw new InputException(where, e.getMessage());
        }
    }

    private void readDimensions(YamlMap.Entry e) {
        if (e == null) {
            return;
        }
        List<YamlNode> items = Nodes.items(e.value(), "'dimensions'", d);
        if (items == null) {
            return;
        }
        for (YamlNode item : items) {
            String n = Nodes.name(item, "a dimension name", d);
            if (n == null) {
                continue;
            }
            if (!n.matches(IDENTIFIER)) {
                d.error(item.span(), "The dimension name '" + n + "' must be a word of letters, digits and underscores "
                        + "that starts with a letter.");
            } else if (dims.contains(n)) {
                d.error(item.span(), "Dimension " + n + " is declared twice; declare each dimension once.");
            } else {
                dims.add(n);
            }
        }
        if (dims.isEmpty() && !d.hasErrors()) {
            d.error(e.key().span(), "The shape declares no dimensions; list them, as in 'dimensions: [C, M, P]'.");
        }
    }

    private void readCoefficients(YamlMap.Entry e) {
        List<YamlNode> items = Nodes.items(e.value(), "'coefficients'", d);
        if (items == null) {
            return;
        }
        for (YamlNode item : items) {
            YamlNode nameNode = item;
            long value = 1;
            if (item instanceof YamlMap) {
                YamlMap m = (YamlMap) item;
                Nodes.ignoreUnknownKeys(m, COEFFICIENT_KEYS, "a coefficient", d);
                YamlMap.Entry n = Nodes.require(m, m.span(), "a coefficient", d, "name");
                if (n == null) {
                    continue;
                }
                nameNode = n.value();
                YamlMap.Entry def = m.entry("default").orElse(null);
                if (def != null) {
                    OptionalLong v = Nodes.integer(def.value(), "the default of a coefficient", 1, MAX_COEFFICIENT, d);
                    value = v.orElse(1);
                }
            }
            String n = Nodes.name(nameNode, "a coefficient name", d);
            if (n == null) {
                continue;
            }
            if (!n.matches(IDENTIFIER)) {
                d.error(nameNode.span(), "The coefficient name '" + n + "' must be a word of letters, digits and "
                        + "underscores that starts with a letter.");
            } else if (dims.contains(n)) {
                d.error(nameNode.span(), "'" + n + "' is both a dimension and a coefficient; rename one of them.");
            } else if (coefficients.containsKey(n)) {
                d.error(nameNode.span(), "Coefficient " + n + " is declared twice; declare each coefficient once.");
            } else {
                coefficients.put(n, value);
            }
        }
    }

    private void readInstance(YamlMap.Entry e) {
        YamlMap m = Nodes.map(e.value(), "'instance'", d);
        if (m == null) {
            return;
        }
        for (YamlMap.Entry kv : m.entries()) {
            String k = kv.name();
            if (dims.contains(k)) {
                OptionalLong v = Nodes.integer(kv.value(), "the bound of " + k, 1, Workload.MAX_MACS, d);
                if (v.isPresent()) {
                    bounds.put(k, v.getAsLong());
                    boundSpans.put(k, kv.value().span());
                }
            } else if (coefficients.containsKey(k)) {
                OptionalLong v = Nodes.integer(kv.value(), "coefficient " + k, 1, MAX_COEFFICIENT, d);
                if (v.isPresent()) {
                    coefficients.put(k, v.getAsLong());
                }
            } else if (!k.equals("densities") && !k.equals("commonDensity")) {
                List<String> known = new ArrayList<>(dims);
                known.addAll(coefficients.keySet());
                d.warning(kv.key().span(), "'" + k + "' in 'instance' is neither a dimension nor a coefficient of the "
                        + "shape, so it is ignored, as Timeloop ignores it." + Nodes.didYouMean(k, known)
                        + " The dimensions are " + Nodes.plainList(dims) + (coefficients.isEmpty() ? ""
                        : " and the coefficients are " + Nodes.plainList(coefficients.keySet())) + ".");
            }
        }
        List<String> missing = dims.stream().filter(x -> !bounds.containsKey(x) && !d.hasErrors()).toList();
        if (!missing.isEmpty()) {
            d.warning(e.key().span(), "'instance' gives no bound for " + Nodes.plainList(missing) + "; Mapwright takes "
                    + (missing.size() == 1 ? "it" : "each") + " as 1, but Timeloop v3.0.3 refuses such a problem (it "
                    + "aborts), so add " + String.join(", ", missing.stream().map(x -> x + ": 1").toList())
                    + " for a file both read.");
        }
    }

    private void checkMacs() {
        long macs = 1;
        for (String dim : dims) {
            long b = bounds.getOrDefault(dim, 1L);
            if (macs > Workload.MAX_MACS / b) {
                d.error(boundSpans.get(dim), "With " + dim + " = " + b + " the layer has more than 2^50 "
                        + "multiply-accumulates, more than Mapwright supports; split it into smaller layers.");
                return;
            }
            macs *= b;
        }
    }

    private List<Tensor> readDataSpaces(YamlMap.Entry e) {
        List<Tensor> out = new ArrayList<>();
        List<YamlNode> items = Nodes.items(e.value(), "'" + e.name() + "'", d);
        if (items == null) {
            return out;
        }
        Map<String, SourceSpan> names = new LinkedHashMap<>();
        String output = null;
        SourceSpan outputAt = null;
        for (YamlNode item : items) {
            YamlMap m = Nodes.map(item, "a data space", d);
            if (m == null) {
                continue;
            }
            Nodes.ignoreUnknownKeys(m, SPACE_KEYS, "a data space", d);
            YamlMap.Entry nameEntry = Nodes.require(m, m.span(), "a data space", d, "name");
            String name = nameEntry == null ? null : Nodes.name(nameEntry.value(), "a data space name", d);
            if (name == null) {
                continue;
            }
            if (names.containsKey(name)) {
                SourceSpan first = names.get(name);
                d.error(nameEntry.value().span(), "Data space " + name + " is declared twice (first at line "
                        + first.line() + "); give each data space a distinct name.");
                continue;
            }
            names.put(name, nameEntry.value().span());
            boolean rw = false;
            YamlMap.Entry rwEntry = Nodes.optional(m, "Data space " + name, d, "read-write", "read_write").orElse(null);
            if (rwEntry != null) {
                rw = Nodes.bool(rwEntry.value(), "'" + rwEntry.name() + "' of " + name, d).orElse(false);
            }
            if (rw) {
                if (output != null) {
                    d.error(rwEntry.value().span(), "Data spaces " + output + " (line " + outputAt.line() + ") and "
                            + name + " are both read-write; exactly one data space, the output, may be read-write.");
                } else {
                    output = name;
                    outputAt = rwEntry.value().span();
                }
            }
            YamlMap.Entry proj = Nodes.require(m, nameEntry.key().span(), "data space " + name, d, "projection");
            if (proj == null) {
                continue;
            }
            List<IndexExpr> index = new Projections(dims, coefficients, name, d).read(proj.value());
            if (index != null) {
                out.add(checkSize(new Tensor(TensorId.of(name), index, rw), nameEntry.value().span(), proj.value().span()));
            }
        }
        if (output == null && !names.isEmpty()) {
            d.error(e.key().span(), "No data space is read-write; mark the output with 'read-write: True'.");
        }
        return out;
    }

    /**
     * Reports an output the model cannot count (see {@link Workload#outputProblem}) at its projection, and a tensor
     * whose counts could overflow (see {@link Workload#trafficBound}) at its name.
     */
    private Tensor checkSize(Tensor t, SourceSpan at, SourceSpan projectionAt) {
        Workload.outputProblem(t).ifPresent(p -> d.error(projectionAt, "Data space " + t.name() + ": " + p));
        Map<Dim, Long> b = new LinkedHashMap<>();
        long macs = 1;
        for (String dim : dims) {
            b.put(Dim.of(dim), bounds.getOrDefault(dim, 1L));
            macs = Workload.saturatingMultiply(macs, bounds.getOrDefault(dim, 1L));
        }
        if (macs <= Workload.MAX_MACS && Workload.trafficBound(t, b, macs) > Workload.MAX_TRAFFIC) {
            d.error(at, "Data space " + t.name() + ": " + Workload.trafficProblem(t, b, macs));
        }
        return t;
    }
}
