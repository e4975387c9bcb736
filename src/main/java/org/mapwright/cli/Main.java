package org.mapwright.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.mapwright.diag.InputException;
import org.mapwright.exec.EngineException;
import org.mapwright.search.OracleException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mapwright} command. Exit codes: 0 done (an invalid mapping is a result, not a failure), 2 bad input or
 * usage, 3 a cost oracle failed (an external tool crashed, hung or printed what cannot be read) or the engine
 * could not run the tasks (a cluster unreachable, tasks failing there), 1 an internal error
 * (a bug: please report it with the input).
 */
@Command(name = "mapwright", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Maps neural-network layers onto accelerators and evaluates mappings with a Timeloop-exact model.",
        subcommands = {EvaluateCommand.class, MapCommand.class, ExportCommand.class, ServeCommand.class,
            SearchArchCommand.class, SearchNetCommand.class, SearchCoCommand.class, BenchCommand.class,
            SurrogateCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit status for bad input or usage. */
    public static final int BAD_INPUT = 2;
    /** Exit status for an internal error. */
    public static final int INTERNAL_ERROR = 1;
    /** Exit status for a cost oracle that failed. */
    public static final int ORACLE_FAILED = 3;
    /** Exit code of a search that finished but found nothing that keeps its constraints. */
    public static final int NO_RESULT = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try `mapwright evaluate --help`.");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line with the given streams and returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(o);
        cl.setErr(e);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof InputException ie) {
                e.println(ie.report());
                return BAD_INPUT;
            }
            if (ex instanceof EngineException ee) {
                e.println("mapwright: error: " + ee.getMessage());
                return ORACLE_FAILED;
            }
            if (ex instanceof OracleException oe) {
                e.println("mapwright: error: " + oe.getMessage());
                return ORACLE_FAILED;
            }
            e.println("mapwright: internal error: " + ex + ". This is a bug; please report it with the input files.");
            return INTERNAL_ERROR;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError oom) {
            e.println("mapwright: out of memory; give the JVM more heap (java -Xmx8g -jar ...).");
            code = INTERNAL_ERROR;
        } catch (StackOverflowError so) {
            e.println("mapwright: internal error: the input nests too deeply. This is a bug; please report it with the input files.");
            code = INTERNAL_ERROR;
        }
        o.flush();
        e.flush();
        return code;
    }

    /** Version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"mapwright " + version()};
        }
    }

    static String version() {
        return org.mapwright.api.Mapwright.version();
    }
}
