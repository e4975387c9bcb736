package org.mapwright.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Requests per second of a running mapping service ({@code mapwright serve --port N}) over HTTP, from
 * {@code CLIENTS} clients with one connection each, for: {@code version} (the transport alone), a map request met
 * before (answered from the service's kept results), and map requests never met before (a new seed each) with
 * budgets of 1,000 and 10,000 evaluations. Each phase warms up first, then runs for its time; latencies are per
 * request as the client sees them.
 *
 * <p>Usage: {@code ServiceBench URL OUT_JSON [CLIENTS] [SECONDS per phase]}; bench/serve.sh starts the service
 * from the jar and runs this.
 */
public final class ServiceBench {
    private ServiceBench() {
    }

    /** One phase's figures. */
    record Phase(String name, long requests, double seconds, double[] latenciesMs) {
        double perSecond() {
            return requests / seconds;
        }

        double percentile(double p) {
            double[] l = latenciesMs.clone();
            Arrays.sort(l);
            return l.length == 0 ? Double.NaN : l[Math.min(l.length - 1, (int) Math.floor(p * l.length))];
        }
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        Path out = Path.of(args[1]);
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 10;
        AtomicLong seeds = new AtomicLong(1_000);
        String layer = "\"network\": \"resnet50\", \"layer\": \"res3a_branch2b\", \"accelerator\": \"eyeriss_like\"";
        List<Phase> phases = new ArrayList<>();
        phases.add(run(uri, "version", clients, seconds,
                id -> req(id, "version", "")));
        phases.add(run(uri, "map, kept (cached)", clients, seconds,
                id -> req(id, "map", layer + ", \"options\": {\"budget_evals\": 10000, \"seed\": 1}")));
        phases.add(run(uri, "map, new, 1,000 evaluations", clients, seconds,
                id -> req(id, "map", layer + ", \"options\": {\"budget_evals\": 1000, \"seed\": "
                        + seeds.incrementAndGet() + "}")));
        phases.add(run(uri, "map, new, 10,000 evaluations", clients, seconds,
                id -> req(id, "map", layer + ", \"options\": {\"budget_evals\": 10000, \"seed\": "
                        + seeds.incrementAndGet() + "}")));
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("commit", System.getProperty("mapwright.commit", "unknown"));
        root.put("command", System.getProperty("mapwright.command", "ServiceBench " + String.join(" ", args)));
        root.put("clients", clients);
        root.put("seconds_per_phase", seconds);
        root.put("processors", Runtime.getRuntime().availableProcessors());
        root.put("layer", "resnet50 res3a_branch2b on eyeriss_like, default mapper, 1 search thread");
        ArrayNode rows = root.putArray("phases");
        System.out.println("| requests | requests/s | median ms | p99 ms |");
        System.out.println("|---|---|---|---|");
        for (Phase p : phases) {
            ObjectNode o = rows.addObject();
            o.put("phase", p.name());
            o.put("requests", p.requests());
            o.put("seconds", p.seconds());
            o.put("requests_per_second", p.perSecond());
            o.put("median_ms", p.percentile(0.5));
            o.put("p99_ms", p.percentile(0.99));
            System.out.printf(Locale.ROOT, "| %s | %,.1f | %.2f | %.2f |%n", p.name(), p.perSecond(),
                    p.percentile(0.5), p.percentile(0.99));
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json.writeValueAsString(root) + "\n");
    }

    static String req(long id, String op, String fields) {
        return "{\"schema_version\": 1, \"id\": " + id + ", \"op\": \"" + op + "\"" + (fields.isEmpty() ? ""
                : ", " + fields) + "}";
    }

    /** Warms up for a fifth of the time (at least one request per client), then measures for {@code seconds}. */
    static Phase run(URI uri, String name, int clients, double seconds, LongFunction<String> request)
            throws Exception {
        AtomicLong ids = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<Double>>> warm = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                warm.add(pool.submit(() -> loop(uri, request, ids, System.nanoTime() + (long) (seconds * 2e8))));
            }
            for (Future<List<Double>> f : warm) {
                f.get();
            }
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            List<Future<List<Double>>> measured = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                measured.add(pool.submit(() -> loop(uri, request, ids, end)));
            }
            List<Double> latencies = new ArrayList<>();
            for (Future<List<Double>> f : measured) {
                latencies.addAll(f.get());
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            return new Phase(name, latencies.size(), elapsed, latencies.stream().mapToDouble(Double::doubleValue)
                    .toArray());
        } finally {
            pool.shutdown();
        }
    }

    private static List<Double> loop(URI uri, LongFunction<String> request, AtomicLong ids, long end)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Double> latencies = new ArrayList<>();
        do {
            long t = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(
                    request.apply(ids.incrementAndGet()))).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("The service answered " + r.statusCode() + ": " + r.body());
            }
            latencies.add((System.nanoTime() - t) / 1e6);
        } while (System.nanoTime() < end);
        return latencies;
    }
}
