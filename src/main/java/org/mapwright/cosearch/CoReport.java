package org.mapwright.cosearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.mapwright.dsl.AcceleratorWriter;

/** {@code search-co}'s result as JSON and as a table, with its origin. */
public final class CoReport {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Where a result came from. */
    public record Origin(String commit, String command, long seed, String predictor) {
    }

    private CoReport() {
    }

    static ObjectNode answer(CoExploration.Answer a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("accuracy", a.accuracy());
        n.put("edp", a.edp());
        n.put("energy_pj", a.mapped().energyPj());
        n.put("cycles", a.mapped().cycles());
        n.put("search_edp", a.search().edp());
        n.put("network_key", a.key());
        n.put("macs", a.network().macs());
        n.put("accelerator", a.arch().name());
        n.put("constraints", a.constraints());
        n.put("area_mm2", a.areaMm2());
        return n;
    }

    public static ObjectNode json(CoExploration.Result r, Origin o) {
        ObjectNode root = JSON.createObjectNode();
        root.put("objective", r.objective().describe());
        root.put("space", r.spaceName());
        root.put("net_space", r.netSpaceName());
        if (r.best().isPresent()) {
            ObjectNode b = answer(r.best().get());
            b.put("arch", AcceleratorWriter.write(r.best().get().arch()));
            b.put("network", r.best().get().dsl());
            root.set("best", b);
        } else {
            root.putNull("best");
        }
        root.set("baseline", answer(r.baseline()));
        ObjectNode no = answer(r.networkOnly());
        no.put("network", r.networkOnly().dsl());
        root.set("network_only", no);
        r.best().ifPresent(b -> {
            ObjectNode ratios = root.putObject("ratios");
            ratios.put("baseline_over_best_edp", r.baseline().edp() / b.edp());
            ratios.put("network_only_over_best_edp", r.networkOnly().edp() / b.edp());
            ratios.put("best_minus_baseline_accuracy", b.accuracy() - r.baseline().accuracy());
        });
        ArrayNode fin = root.putArray("finalists");
        r.finalists().forEach(f -> fin.add(answer(f)));
        ObjectNode search = root.putObject("search");
        search.put("designs_scored", r.run().evaluated());
        search.put("distinct_designs", r.run().distinct());
        search.put("generations", r.run().generations().size());
        search.put("resumed_generations", r.run().resumed());
        search.put("search_seconds", r.run().seconds());
        ArrayNode per = search.putArray("best_edp_per_generation");
        for (double v : r.run().bestPerGeneration()) {
            per.add(v);
        }
        root.put("seconds", r.seconds());
        root.put("seed", o.seed());
        root.put("predictor", o.predictor());
        root.put("commit", o.commit());
        root.put("command", o.command());
        return root;
    }

    public static String table(CoExploration.Result r, Origin o) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Co-search: %s accelerators x %s networks, %s%n", r.spaceName(),
                r.netSpaceName(), r.objective().describe()));
        sb.append(String.format(Locale.ROOT, "%,d designs scored in %d generations; %.0f s in all%n", r.run().evaluated(),
                r.run().generations().size(), r.seconds()));
        sb.append(String.format(Locale.ROOT, "%-14s %9s %13s %12s %9s  %s%n", "answer", "accuracy", "EDP (J x cyc)",
                "MACs", "area mm2", "design"));
        for (CoExploration.Answer a : r.best().map(b -> java.util.List.of(r.baseline(), r.networkOnly(), b))
                .orElse(java.util.List.of(r.baseline(), r.networkOnly()))) {
            sb.append(String.format(Locale.ROOT, "%-14s %9.4f %13.4g %,12d %9.3f  %s%s%n", a.name(), a.accuracy(), a.edp(),
                    a.network().macs(), a.areaMm2(), a.arch().name(),
                    a.constraints().equals("none") ? "" : " (" + a.constraints() + ")"));
        }
        r.best().ifPresent(b -> sb.append(String.format(Locale.ROOT,
                "baseline / co-search EDP: %.2fx; network only / co-search EDP: %.2fx; accuracy %+.2f points%n",
                r.baseline().edp() / b.edp(), r.networkOnly().edp() / b.edp(), 100 * (b.accuracy() - r.baseline().accuracy()))));
        sb.append("(EDP: every answer's layers mapped by the same final mapper)\n");
        sb.append("command: ").append(o.command()).append('\n');
        sb.append("commit: ").append(o.commit()).append('\n');
        return sb.toString();
    }
}
