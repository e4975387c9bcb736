package org.mapwright.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.search.Budget;
import org.mapwright.search.Mappers;
import org.mapwright.search.Objective;
import org.mapwright.search.ProgressListener;
import org.mapwright.search.SearchDriver;
import org.mapwright.search.SearchResult;

/**
 * Like-for-like evaluation speed: Mapwright's random mapper against Timeloop v3.0.3's random-pruned mapper, both on
 * one thread, on the same (architecture, layer) pairs under the same constraints (the pairs of the reference set's
 * single-thread speed runs, {@code timeloop_speed.json}). Both count every mapping they consider (valid or not) and
 * every valid mapping they fully evaluate; Mapwright's evaluation cache is off so that no mapping is counted twice
 * for free. Timeloop's figures are its recorded runs on this kind of machine (2,000 valid mappings each).
 *
 * <p>Usage: {@code SpeedComparison SHARED_DIR OUT_JSON [evaluations per pair]}.
 */
public final class SpeedComparison {
    private SpeedComparison() {
    }

    public static void main(String[] args) throws IOException {
        Path ref = Path.of(args.length > 0 ? args[0] : "../shared").resolve("reference/timeloop");
        Path out = Path.of(args.length > 1 ? args[1] : "bench/results/speed.json");
        long budget = args.length > 2 ? Long.parseLong(args[2]) : 200_000;
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        JsonNode runs = json.readTree(ref.resolve("timeloop_speed.json").toFile()).get("mapper_single_thread");
        warmUp();
        ArrayNode rows = json.createArrayNode();
        System.out.println("| pair | Timeloop considered/s | Mapwright considered/s | ratio | Timeloop valid/s | Mapwright valid/s | ratio |");
        System.out.println("|---|---|---|---|---|---|---|");
        double logConsidered = 0;
        double logValid = 0;
        int n = 0;
        for (JsonNode run : runs) {
            String arch = run.get("arch").asText();
            String wl = run.get("workload").asText();
            Mapspace space = BenchPairs.reference(ref, arch, wl);
            SearchResult r = SearchDriver.run(space, Mappers.byName("random"),
                    new SearchDriver.Settings(Objective.EDP, Budget.evaluations(budget), 1, 1, 0, ProgressListener.NONE));
            double considered = r.evaluations() / r.seconds();
            double valid = r.valid() / r.seconds();
            double tlConsidered = run.get("considered_per_s").asDouble();
            double tlValid = run.get("valid_per_s").asDouble();
            logConsidered += Math.log(considered / tlConsidered);
            logValid += Math.log(valid / tlValid);
            n++;
            System.out.printf(Locale.ROOT, "| %s/%s | %,.0f | %,.0f | %,.0fx | %,.0f | %,.0f | %,.0fx |%n", arch, wl,
                    tlConsidered, considered, considered / tlConsidered, tlValid, valid, valid / tlValid);
            ObjectNode row = rows.addObject();
            row.put("arch", arch).put("workload", wl).put("mapwright_evaluations", r.evaluations())
                    .put("mapwright_valid", r.valid()).put("mapwright_seconds", r.seconds())
                    .put("mapwright_considered_per_s", considered).put("mapwright_valid_per_s", valid)
                    .put("timeloop_considered_per_s", tlConsidered).put("timeloop_valid_per_s", tlValid);
            System.err.printf(Locale.ROOT, "%s/%s: %d evaluations, %d valid in %.2f s%n", arch, wl, r.evaluations(),
                    r.valid(), r.seconds());
        }
        System.out.printf(Locale.ROOT, "Geometric mean of the ratios: considered %.0fx, valid %.0fx over %d pairs.%n",
                Math.exp(logConsidered / n), Math.exp(logValid / n), n);
        ObjectNode doc = json.createObjectNode();
        doc.put("commit", System.getProperty("mapwright.commit", "unknown"));
        doc.put("command", System.getProperty("mapwright.command", "SpeedComparison"));
        doc.put("java", System.getProperty("java.version"));
        doc.put("processors", Runtime.getRuntime().availableProcessors());
        doc.put("evaluations_per_pair", budget);
        doc.put("geomean_considered_ratio", Math.exp(logConsidered / n));
        doc.put("geomean_valid_ratio", Math.exp(logValid / n));
        doc.set("pairs", rows);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        json.writeValue(tmp.toFile(), doc);
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.err.println("results written to " + out);
    }

    /** A few seconds of random search on a built-in pair that is not compared, so the JIT has compiled the path. */
    static void warmUp() {
        SearchDriver.run(BenchPairs.warmUp(), Mappers.byName("random"),
                new SearchDriver.Settings(Objective.EDP, Budget.seconds(3), 7, 1, 0, ProgressListener.NONE));
    }
}
