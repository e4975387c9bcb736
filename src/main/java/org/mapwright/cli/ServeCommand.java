package org.mapwright.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.mapwright.api.Mapwright;
import org.mapwright.serve.HttpService;
import org.mapwright.serve.Service;
import org.mapwright.serve.StdioServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mapwright serve --stdio | --port N}: the mapping service (docs/service.md). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Runs the mapping service: JSON requests (version, list, layers, evaluate, map, cancel; schema_version "
                + Service.SCHEMA_VERSION + ", see docs/service.md) answered by one warm process that keeps results.",
            "With --stdio: one request per line of standard input, one response per line of standard output, in the "
                + "order they finish; the service stops when its input ends, after answering everything it read.",
            "With --port: HTTP, POST / with a JSON body (GET /version and GET /list too); it prints the address it "
                + "listens on and runs until stopped."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the input ended (--stdio)", "2:bad options, or the port cannot be bound", "1:internal error"})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--stdio", description = "Serve JSON lines on standard input and output.")
    boolean stdio;

    @Option(names = "--port", paramLabel = "N", description = "Serve HTTP on this port (0: any free port).")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "The address to listen on with --port (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--threads", paramLabel = "T",
            description = "Requests run at once (default: every processor); each map search has its own "
                + "options.threads.")
    Integer threads;

    @Option(names = "--max-pending", paramLabel = "N", defaultValue = "1024",
            description = "Requests running or waiting at once; more are answered with the error busy "
                + "(default: ${DEFAULT-VALUE}).")
    int maxPending;

    @Option(names = "--max-request-bytes", paramLabel = "N", defaultValue = "1048576",
            description = "The longest request accepted, in bytes (default: ${DEFAULT-VALUE}).")
    int maxRequestBytes;

    @Option(names = "--cache", paramLabel = "N", defaultValue = "" + Mapwright.KEPT,
            description = "Map results kept, the most recent, to answer a request met again (default: "
                + "${DEFAULT-VALUE}).")
    int cache;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (stdio == (port != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give either --stdio or --port N.");
        }
        if (port != null && (port < 0 || port > 65_535)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be from 0 to 65535, got "
                    + port + ".");
        }
        if (maxRequestBytes < 64 || cache < 0 || maxPending < 1 || (threads != null && threads < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give --max-request-bytes of at least 64, "
                    + "--cache of at least 0, and --max-pending and --threads of at least 1.");
        }
        Service.Settings settings = Service.Settings.defaults().withMaxPending(maxPending);
        if (threads != null) {
            settings = settings.withThreads(threads);
        }
        try (Service service = new Service(Mapwright.create(cache), settings)) {
            if (stdio) {
                StdioServer.run(service, System.in, spec.commandLine().getOut(), maxRequestBytes);
                return 0;
            }
            HttpService http;
            try {
                http = HttpService.start(service, host, port, maxRequestBytes);
            } catch (IOException | RuntimeException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Cannot listen on " + host + ":" + port
                        + ": " + e.getMessage() + ". Choose another --port (0 for any free one) or --host.");
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                http.close();
                stopped.countDown();
            }, "mapwright-serve-stop"));
            spec.commandLine().getOut().println("mapwright serve: listening on " + http.uri());
            spec.commandLine().getOut().flush();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                http.close();
            }
            return 0;
        }
    }
}
