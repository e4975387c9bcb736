package org.mapwright.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mapwright bench ...}: benchmarks; {@code bench mappers} compares the mappers, {@code bench cost-predictor} the network-cost predictors. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks Mapwright's components against each other.",
        subcommands = {BenchMappersCommand.class, BenchCostPredictorCommand.class, CommandLine.HelpCommand.class})
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command: try `mapwright bench mappers --help`.");
    }
}
