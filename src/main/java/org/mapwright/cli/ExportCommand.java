package org.mapwright.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mapwright.dsl.NetworkWriter;
import org.mapwright.onnx.OnnxImport;
import org.mapwright.timeloop.ProblemWriter;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;
import org.mapwright.workload.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mapwright export --workload X --format mw|timeloop [--out DIR]}: writes a network, from any source that
 * {@code --workload} accepts (a built-in network, one in DSL files, an ONNX model, a Timeloop problem), as
 * self-contained DSL that reads back to the same layers ({@link NetworkWriter}), or as one Timeloop problem file per
 * distinct layer shape ({@link ProblemWriter}) with an index of which layer uses which file.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Writes a network as Mapwright DSL or as Timeloop problem files, so that an ONNX model (or any network "
                + "--workload takes) becomes DSL and Timeloop input.",
            "mw: one self-contained DSL file (no include) that maps to exactly the same layers and MACs; to stdout, "
                + "or to DIR/NAME.mw with --out.",
            "timeloop: one Timeloop problem file per distinct layer shape, DIR/LAYER.yaml, named after the first layer "
                + "with that shape, and DIR/index.json listing every layer with its file and repeat count."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:bad input or options", "1:internal error"})
final class ExportCommand implements Callable<Integer> {

    /** The formats and what each writes. */
    enum Format { mw, timeloop }

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "DSL (.mw) or Timeloop YAML files that declare the "
            + "network.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--workload", paramLabel = "NAME", description = "The network: one the DSL files declare, else a "
            + "built-in network, or an ONNX model file (a path ending in .onnx). Default: the one network of the "
            + "DSL files, else their top-level layers, else the Timeloop problem.")
    String workload;

    @Option(names = "--format", paramLabel = "FORMAT", required = true, description = "mw (Mapwright DSL) or "
            + "timeloop (Timeloop problem files).")
    String format;

    @Option(names = "--out", paramLabel = "DIR", description = "The directory to write into (created if needed); "
            + "required for timeloop. Without it, mw goes to stdout.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Format f = format();
        if (f == Format.timeloop && out == null) {
            throw MapInputs.badInput("--out", "The timeloop format writes one problem file per distinct layer; give "
                    + "the directory to write them into with --out DIR.");
        }
        if (out != null) {
            OutputFiles.directory("--out", out);
        }
        MapInputs in = MapInputs.loadWorkload(files, workload);
        PrintWriter err = spec.commandLine().getErr();
        in.notes().forEach(err::println);
        in.newWarnings().forEach(w -> err.println(w.format()));
        Network n = new Network(in.network().orElseGet(() -> OnnxImport.networkName(in.workloadName())), in.layers());
        try {
            if (f == Format.mw) {
                mw(n, err);
            } else {
                timeloop(n, err);
            }
        } catch (IllegalArgumentException e) {
            throw MapInputs.badInput("--format " + format, "Network " + n.name() + " cannot be written in this format: "
                    + e.getMessage());
        }
        return 0;
    }

    private Format format() {
        try {
            return Format.valueOf(format);
        } catch (IllegalArgumentException e) {
            throw MapInputs.badInput("--format", "Unknown format `" + format + "`; give mw (Mapwright DSL) or "
                    + "timeloop (Timeloop problem files).");
        }
    }

    private void mw(Network n, PrintWriter err) {
        String text = "// Network " + n.name() + " (" + String.format(Locale.ROOT, "%,d", n.macs()) + " MACs), written "
                + "by mapwright export.\n" + NetworkWriter.write(n);
        if (out == null) {
            PrintWriter o = spec.commandLine().getOut();
            o.print(text);
            o.flush();
            return;
        }
        Path file = out.resolve(n.name() + ".mw");
        OutputFiles.writeAtomically(file, text);
        err.println("Wrote " + file + " (" + n.layers().size() + " layers).");
    }

    private void timeloop(Network n, PrintWriter err) {
        Map<Workload, String> files = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        ObjectNode index = EvaluationJson.MAPPER.createObjectNode();
        index.put("network", n.name());
        index.put("macs", n.macs());
        ArrayNode layers = index.putArray("layers");
        for (Layer l : n.layers()) {
            // one file per einsum and bounds: the workload under a common name
            Workload shape = l.workload().withName("");
            String file = files.get(shape);
            if (file == null) {
                String base = MapOutputs.fileName(l.name());
                String name = base;
                for (int k = 2; !taken.add(name.toLowerCase(Locale.ROOT)); k++) {
                    name = base + "_" + k;
                }
                file = name + ".yaml";
                files.put(shape, file);
                OutputFiles.writeAtomically(out.resolve(file), "# Layer " + l.name() + " of network " + n.name()
                        + ", written by mapwright export; index.json lists every layer of this shape.\n"
                        + ProblemWriter.write(l.workload().withName(name)));
            }
            ObjectNode o = layers.addObject();
            o.put("layer", l.name());
            o.put("problem", file);
            o.put("repeat", l.repeat());
            o.put("macs", l.workload().macs());
        }
        index.put("problems", files.size());
        OutputFiles.writeAtomically(out.resolve("index.json"), index.toPrettyString() + "\n");
        err.println("Wrote " + files.size() + " Timeloop problem files for the " + n.layers().size() + " layers of "
                + n.name() + " and index.json to " + out + ".");
    }
}
