package org.mapwright.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.mapwright.diag.InputException;
import org.mapwright.dsl.NetworkWriter;
import org.mapwright.onnx.ImportedModel;
import org.mapwright.onnx.OnnxImport;
import org.mapwright.workload.Network;

/**
 * {@code --workload model.onnx}: the one place where the commands read an ONNX model as their network, so that every
 * option that takes a network takes one the same way (see {@link OnnxImport}). The import's report (skipped
 * operators, assumptions) is shown on stderr.
 */
final class OnnxWorkloads {
    private OnnxWorkloads() {
    }

    /** Whether the value of a workload option names an ONNX model file. */
    static boolean names(String workload) {
        return OnnxImport.isOnnx(workload);
    }

    /**
     * The model that option {@code option} ({@code workload} its value) names, or empty when it names none. A path that cannot be read or a model that
     * cannot be imported is an {@link InputException} located at the file.
     */
    static Optional<ImportedModel> read(String option, String workload) {
        if (!names(workload)) {
            return Optional.empty();
        }
        Path file;
        try {
            file = Path.of(workload);
        } catch (java.nio.file.InvalidPathException e) {
            throw MapInputs.badInput(option, "`" + workload.replace("\0", "\\0") + "` is not a valid file path ("
                    + e.getReason() + "); give the path of an ONNX model file.");
        }
        return Optional.of(OnnxImport.read(file));
    }

    /** Reads the model that option {@code option} names, if it names one, and shows its report on {@code err}. */
    static Optional<Network> network(String option, String workload, PrintWriter err) {
        return read(option, workload).map(m -> {
            show(m, err);
            return m.network();
        });
    }

    static void show(ImportedModel m, PrintWriter err) {
        m.report().lines().forEach(err::println);
        err.flush();
    }

    /** The file name under which a DSL file beside the outputs declares an imported network. */
    static String dslFileName(Network n) {
        return n.name() + ".network.mw";
    }

    /** The network as self-contained DSL, for outputs that include it. */
    static String dsl(Network n) {
        return "// The network imported from an ONNX model, as DSL (mapwright export --format mw writes the same).\n"
                + NetworkWriter.write(n);
    }

    /** The lines of {@code m}'s report, for commands that show them later. */
    static List<String> notes(ImportedModel m) {
        return m.report().lines();
    }
}
