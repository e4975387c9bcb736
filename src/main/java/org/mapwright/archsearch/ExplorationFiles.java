package org.mapwright.archsearch;

import java.nio.file.Path;
import java.util.Map;
import org.mapwright.arch.Architecture;
import org.mapwright.dsl.AcceleratorWriter;
import org.mapwright.dsl.DslWriter;
import org.mapwright.files.AtomicFiles;
import org.mapwright.netmap.LayerResult;
import org.mapwright.netmap.NetworkResult;
import org.mapwright.timeloop.ArchitectureWriter;
import org.mapwright.timeloop.ErtWriter;
import org.mapwright.timeloop.MappingWriter;

/**
 * Writes an exploration's files, each atomically: the best accelerator as DSL ({@code best.mw}, loadable by
 * {@code evaluate} and {@code map}) and as Timeloop architecture and ERT YAML, every layer's mapping as Timeloop YAML
 * and all of them as DSL mapping declarations ({@code mappings.mw}), the JSON report and the table, and the plots.
 * The checkpoint ({@code checkpoint.json}) is the search's own.
 */
public final class ExplorationFiles {
    /** The checkpoint's file name in the output directory. */
    public static final String CHECKPOINT = "checkpoint.json";

    private ExplorationFiles() {
    }

    /**
     * @param networkInclude how a DSL file in {@code dir} includes the network's declaration ({@code
     *                       "builtin:resnet50.mw"} or a path)
     */
    public static void write(Path dir, Exploration.Result r, String json, String table, String networkInclude) {
        AtomicFiles.write(dir.resolve("result.json"), json);
        AtomicFiles.write(dir.resolve("summary.txt"), table);
        if (r.best().isPresent()) {
            Architecture best = r.best().get().architecture().withName(ExplorationReport.bestName(r));
            AtomicFiles.write(dir.resolve("best.mw"), "// The best accelerator of the search (see result.json for how it "
                    + "was found).\n" + AcceleratorWriter.write(best));
            AtomicFiles.write(dir.resolve("best.arch.yaml"), ArchitectureWriter.write(best));
            AtomicFiles.write(dir.resolve("best.ert.yaml"), ErtWriter.write(best));
            NetworkResult net = r.bestMapped().orElseThrow();
            StringBuilder dsl = new StringBuilder("// Every layer's best mapping on the searched accelerator.\n")
                    .append("include \"best.mw\"\n").append("include \"").append(networkInclude).append("\"\n\n");
            for (LayerResult l : net.layers()) {
                String name = l.name().replaceAll("[^A-Za-z0-9_]", "_");
                AtomicFiles.write(dir.resolve("mappings").resolve(name + ".timeloop.yaml"),
                        MappingWriter.write(l.mapping(), l.layer().workload(), best));
                dsl.append(DslWriter.mapping((Character.isDigit(name.charAt(0)) ? "_" : "") + name + "_best",
                        l.target(), best.name(), l.mapping())).append('\n');
            }
            AtomicFiles.write(dir.resolve("mappings.mw"), dsl.toString());
        }
        SearchPlots.bestPerGeneration(String.format(java.util.Locale.ROOT, "%s on %s: best network EDP per generation (inner mapper)",
                r.network().name(), r.spaceName()), r.run().bestPerGeneration(), references(r))
                .ifPresent(png -> AtomicFiles.write(dir.resolve("best-edp-per-generation.png"), png));
        SearchPlots.edpVersusArea(String.format(java.util.Locale.ROOT, "%s on %s: EDP and area of every candidate",
                r.network().name(), r.spaceName()), r.run().all())
                .ifPresent(png -> AtomicFiles.write(dir.resolve("edp-vs-area.png"), png));
    }

    private static Map<String, Double> references(Exploration.Result r) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        // the curve is the search's own figure (inner mapper), so the baselines are drawn at theirs
        r.baselines().forEach((k, b) -> m.put(k + " (inner mapper)", b.search().edp()));
        m.put("floor", r.floor().edp());
        return m;
    }
}
