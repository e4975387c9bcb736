package org.mapwright.netsearch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mapwright.dsl.DslWriter;
import org.mapwright.files.AtomicFiles;
import org.mapwright.netmap.LayerResult;

/**
 * {@code search-net --out DIR}: result.json, summary.txt, best.mw (the best network as a DSL network), mappings.mw
 * (its layers' mappings), candidates.csv (every scored network) and accuracy-vs-cost.png.
 */
public final class NetSearchFiles {
    private NetSearchFiles() {
    }

    /**
     * @param archInclude how a DSL file in {@code dir} includes the accelerator's declaration
     * @param archName    the accelerator's name in that declaration
     */
    public static void write(Path dir, NetExploration.Result r, String json, String table, String archInclude,
                             String archName) {
        AtomicFiles.write(dir.resolve("result.json"), json);
        AtomicFiles.write(dir.resolve("summary.txt"), table);
        if (r.search().best().isPresent()) {
            NetSearch.Rechecked b = r.search().best().get();
            AtomicFiles.write(dir.resolve("best.mw"), String.format(Locale.ROOT, "// The best network of the search "
                    + "(accuracy %.4f; see result.json for how it was found): %s%n", b.screened().accuracy(),
                    b.screened().net().key()) + b.screened().net().dsl("best"));
            r.mapped().ifPresent(m -> {
                StringBuilder dsl = new StringBuilder("// Every layer's mapping on ").append(archName).append(".\n")
                        .append("include \"best.mw\"\n").append("include \"").append(archInclude).append("\"\n\n");
                for (LayerResult l : m.layers()) {
                    if (l.sameAs().isEmpty()) {
                        dsl.append(DslWriter.mapping(l.name().replaceAll("[^A-Za-z0-9_]", "_") + "_map", l.target(),
                                archName, l.mapping())).append('\n');
                    }
                }
                AtomicFiles.write(dir.resolve("mappings.mw"), dsl.toString());
            });
        }
        StringBuilder csv = new StringBuilder("network,generation,accuracy,predicted_energy_pj,predicted_cycles,"
                + "predicted_edp,fitness\n");
        List<double[]> pts = new ArrayList<>();
        for (NetSearch.Scored s : r.search().scored()) {
            csv.append(String.format(Locale.ROOT, "%s,%d,%.6f,%.6g,%.6g,%.6g,%.6g%n", s.net().key(), s.generation(),
                    s.accuracy(), s.cost().energyPj(), s.cost().cycles(), s.cost().edp(), s.fitness()));
            pts.add(new double[] {s.cost().metric(r.objective().metric()), s.accuracy()});
        }
        AtomicFiles.write(dir.resolve("candidates.csv"), csv.toString());
        List<NetPlots.Mark> marks = new ArrayList<>();
        marks.add(new NetPlots.Mark("largest (exact)", r.largest().exact().metric(r.objective().metric()),
                r.largest().accuracy()));
        r.search().best().ifPresent(b -> marks.add(new NetPlots.Mark("best (exact)",
                b.exact().metric(r.objective().metric()), b.screened().accuracy())));
        NetPlots.accuracyVersusCost("Every scored network: accuracy and " + r.screen() + " cost",
                r.objective().metric(), r.objective().metric().label(), pts,
                r.objective().goal() == Objective.Goal.MAX_ACCURACY ? r.objective().costLimit() : Double.NaN, marks)
                .ifPresent(png -> AtomicFiles.write(dir.resolve("accuracy-vs-cost.png"), png));
    }
}
