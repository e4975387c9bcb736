package org.mapwright.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.cost.Evaluation;
import org.mapwright.dsl.BoundMapping;
import org.mapwright.timeloop.MappingWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mapwright evaluate FILE... [--json]}: evaluates one mapping and reports its cost. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {
            "Evaluates one mapping of one layer on one accelerator and prints a per-level report.",
            "FILEs are Mapwright DSL files or Timeloop YAML files (problem, architecture, ERT, mapping), recognised by "
                + "content; one file may hold several sections. Built-in files can be included from the DSL as "
                + "\"builtin:NAME.mw\"."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:evaluated (a mapping the hardware cannot run is a result too)", "2:bad input", "1:internal error"})
final class EvaluateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "DSL (.mw) or Timeloop YAML files.")
    List<Path> files;

    @Option(names = "--json", description = "Print JSON instead of the report.")
    boolean json;

    @Option(names = "--mapping", paramLabel = "NAME", description = "Which DSL mapping to evaluate when the files declare several.")
    String mappingName;

    @Option(names = "--write-timeloop", paramLabel = "FILE",
            description = "Also write the evaluated mapping as a Timeloop mapping YAML file.")
    Path timeloopOut;

    @Option(names = "--no-link-transfers",
            description = "Do not let instances forward data to their mesh neighbours (Timeloop's "
                + "TIMELOOP_DISABLE_LINK_TRANSFERS=1); by default they do, as in Timeloop.")
    boolean noLinkTransfers;

    @Option(names = "--no-network-energy",
            description = "Leave out the energy of moving words across the fan-outs' meshes (their `hop` energies), "
                + "as a Timeloop ERT without network entries does.")
    boolean noNetworkEnergy;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Inputs inputs = Inputs.load(files);
        BoundMapping m = inputs.theMapping(mappingName);
        inputs.warnings().forEach(w -> spec.commandLine().getErr().println(w.format()));
        if (noLinkTransfers) {
            m = new BoundMapping(m.name(), m.workload(), m.architecture().withLinkTransfers(false), m.mapping());
        }
        if (noNetworkEnergy) {
            m = new BoundMapping(m.name(), m.workload(), m.architecture().withoutNetworkEnergy(), m.mapping());
        }
        Evaluation e = new AnalyticalModel(m.workload(), m.architecture()).evaluate(m.mapping());
        if (timeloopOut != null) {
            OutputFiles.writeAtomically(timeloopOut, MappingWriter.write(m.mapping(), m.workload(), m.architecture()));
        }
        var out = spec.commandLine().getOut();
        if (json) {
            ObjectNode provenance = inputs.provenance("evaluate");
            out.println(EvaluationJson.of(m.name(), m.workload(), m.architecture(), e, provenance).toPrettyString());
        } else {
            out.print(EvaluationReport.of(m.name(), m.workload(), m.architecture(), e));
        }
        out.flush();
        return 0;
    }
}
