package org.mapwright.cosearch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mapwright.archsearch.SearchPlots;
import org.mapwright.dsl.AcceleratorWriter;
import org.mapwright.dsl.DslWriter;
import org.mapwright.files.AtomicFiles;
import org.mapwright.netcost.CostMetric;
import org.mapwright.netmap.LayerResult;
import org.mapwright.netsearch.NetPlots;

/**
 * {@code search-co --out DIR}: result.json, summary.txt, best-arch.mw and best-net.mw (the co-searched accelerator
 * and network as DSL), mappings.mw (the network's layers mapped on it), network-only.mw, and two plots: the best EDP
 * per generation against the baseline and the network-only answer, and accuracy against EDP of the three answers
 * and the re-mapped finalists.
 */
public final class CoFiles {
    /** The checkpoint file's name in the output folder. */
    public static final String CHECKPOINT = "checkpoint.json";

    private CoFiles() {
    }

    public static void write(Path dir, CoExploration.Result r, String json, String table) {
        AtomicFiles.write(dir.resolve("result.json"), json);
        AtomicFiles.write(dir.resolve("summary.txt"), table);
        AtomicFiles.write(dir.resolve("network-only.mw"), "// The network search's answer on the fixed Eyeriss-like "
                + "design (row-stationary): " + r.networkOnly().key() + "\n" + r.networkOnly().dsl());
        r.best().ifPresent(b -> {
            var arch = b.arch().withName("co_search_arch");
            AtomicFiles.write(dir.resolve("best-arch.mw"), "// The co-searched accelerator (see result.json).\n"
                    + AcceleratorWriter.write(arch));
            AtomicFiles.write(dir.resolve("best-net.mw"), String.format(Locale.ROOT, "// The co-searched network "
                    + "(predicted top-1 %.4f): %s%n", b.accuracy(), b.key()) + b.dsl());
            StringBuilder dsl = new StringBuilder("// Every layer of the co-searched network mapped on the co-searched "
                    + "accelerator.\ninclude \"best-arch.mw\"\ninclude \"best-net.mw\"\n\n");
            for (LayerResult l : b.mapped().layers()) {
                if (l.sameAs().isEmpty()) {
                    dsl.append(DslWriter.mapping(l.name().replaceAll("[^A-Za-z0-9_]", "_") + "_map", l.target(),
                            arch.name(), l.mapping())).append('\n');
                }
            }
            AtomicFiles.write(dir.resolve("mappings.mw"), dsl.toString());
        });
        Map<String, Double> refs = new LinkedHashMap<>();
        refs.put("baseline (inner mapper)", r.baseline().search().edp());
        refs.put("network only (inner mapper)", r.networkOnly().search().edp());
        SearchPlots.bestPerGeneration("Co-search: best EDP per generation (the design's best network, inner mapper)",
                r.run().bestPerGeneration(), refs)
                .ifPresent(png -> AtomicFiles.write(dir.resolve("best-edp-per-generation.png"), png));
        List<double[]> pts = new ArrayList<>();
        r.finalists().forEach(f -> pts.add(new double[] {f.edp(), f.accuracy()}));
        List<NetPlots.Mark> marks = new ArrayList<>();
        marks.add(new NetPlots.Mark("baseline", r.baseline().edp(), r.baseline().accuracy()));
        marks.add(new NetPlots.Mark("network only", r.networkOnly().edp(), r.networkOnly().accuracy()));
        r.best().ifPresent(b -> marks.add(new NetPlots.Mark("co-search", b.edp(), b.accuracy())));
        if (pts.isEmpty()) {
            pts.add(new double[] {r.networkOnly().edp(), r.networkOnly().accuracy()});
        }
        NetPlots.accuracyVersusCost("Accuracy and EDP of the answers (final mapper)", CostMetric.EDP, "network EDP", pts,
                Double.NaN, marks).ifPresent(png -> AtomicFiles.write(dir.resolve("accuracy-vs-edp.png"), png));
    }
}
