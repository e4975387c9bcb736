package org.mapwright.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mapwright.arch.Architecture;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.cost.Evaluation;
import org.mapwright.diag.InputException;
import org.mapwright.mapping.Mapping;
import org.mapwright.netmap.CheckpointStore;
import org.mapwright.netmap.LayerResult;
import org.mapwright.search.TracePoint;
import org.mapwright.workload.Workload;

/**
 * The files of {@code mapwright map --out DIR}: every layer's mapping as a DSL file that {@code mapwright evaluate}
 * reads on its own ({@code DIR/LAYER.mw}) and as Timeloop mapping YAML ({@code DIR/LAYER.timeloop.yaml}); a
 * checkpoint per searched layer ({@code DIR/checkpoints/NNN-LAYER.json}, NNN its 1-based place in the network);
 * and at the end {@code DIR/result.json} and {@code DIR/summary.txt}. Every file is written atomically, so a run
 * killed at any moment leaves only whole files, and a rerun with the same arguments resumes from the checkpoints.
 */
final class MapOutputs {

    private final Path dir;

    private MapOutputs(Path dir) {
        this.dir = dir;
    }

    /** Creates the directory if needed and checks that it can be written. */
    static MapOutputs open(Path dir) {
        OutputFiles.directory("--out", dir);
        OutputFiles.directory("--out", dir.resolve("checkpoints"));
        return new MapOutputs(dir);
    }

    /** File names are layer names with anything unusual replaced, so that no name can leave the directory. */
    static String fileName(String layer) {
        String s = layer.replaceAll("[^A-Za-z0-9_.-]", "_");
        return s.startsWith(".") ? "_" + s : s;
    }

    /** A DSL identifier for the mapping of {@code layer}. */
    static String mappingName(String layer) {
        String s = layer.replaceAll("[^A-Za-z0-9_]", "_");
        return (Character.isDigit(s.charAt(0)) ? "_" : "") + s + "_best";
    }

    /**
     * These outputs as the library's checkpoint store for a run on {@code in}: notes about checkpoints that do not
     * apply go to {@code err}.
     */
    CheckpointStore store(MapInputs in, PrintWriter err) {
        return new CheckpointStore() {
            @Override
            public Optional<Checkpoint> resume(int index, String layer, String fingerprint, Workload w, Architecture a) {
                return MapOutputs.this.resume(index, layer, fingerprint, w, a, err);
            }

            @Override
            public void writeLayer(LayerResult r) {
                MapOutputs.this.writeLayer(r, in, MapReport.dsl(r, in), MapReport.timeloop(r, in));
            }

            @Override
            public void writeCheckpoint(LayerResult r, String fingerprint) {
                MapOutputs.this.writeCheckpoint(r, fingerprint, MapReport.timeloop(r, in));
            }
        };
    }

    /** Writes the layer's DSL file (when its inputs can be included from DSL) and its Timeloop YAML file. */
    void writeLayer(LayerResult r, MapInputs in, String dslMapping, String timeloopMapping) {
        String base = fileName(r.name());
        Optional<List<String>> includes = in.includes();
        if (includes.isPresent()) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "// The best mapping mapwright map found for %s on %s: energy %s, "
                    + "%,d cycles, EDP %.6g J*cycles.%n", r.target(), in.architecture().name(),
                    EvaluationReport.energy(r.evaluation().energyPj()), r.evaluation().cycles(), r.evaluation().edp()));
            for (String inc : includes.get()) {
                sb.append("include \"").append(inc.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
            }
            sb.append('\n').append(dslMapping);
            OutputFiles.writeAtomically(dir.resolve(base + ".mw"), sb.toString());
        }
        OutputFiles.writeAtomically(dir.resolve(base + ".timeloop.yaml"), timeloopMapping);
    }

    private Path checkpoint(int index, String layer) {
        return dir.resolve("checkpoints").resolve(String.format(Locale.ROOT, "%03d-%s.json", index + 1, fileName(layer)));
    }

    /**
     * The checkpoint of layer {@code index}, if there is one with this fingerprint whose mapping still evaluates to
     * the numbers it recorded; any other checkpoint is ignored (and overwritten when the layer is done).
     */
    Optional<CheckpointStore.Checkpoint> resume(int index, String layer, String fingerprint, Workload w, Architecture a,
                                                PrintWriter err) {
        Path f = checkpoint(index, layer);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            JsonNode j = EvaluationJson.MAPPER.readTree(Files.readString(f));
            if (!fingerprint.equals(j.path("fingerprint").asText()) || !layer.equals(j.path("layer").asText())) {
                err.println("note: " + f + " was made with other inputs or settings; searching layer " + layer + " again.");
                return Optional.empty();
            }
            Mapping m = CheckpointStore.readMapping(f.toString(), j.path("timeloop_mapping").asText(), w, a);
            Evaluation e = new AnalyticalModel(w, a).evaluate(m);
            if (!e.valid() || e.cycles() != j.path("cycles").asLong() || e.energyPj() != j.path("energy_pj").asDouble()) {
                err.println("note: the mapping in " + f + " no longer gives the numbers it recorded; searching layer "
                        + layer + " again.");
                return Optional.empty();
            }
            List<TracePoint> trace = new ArrayList<>();
            for (JsonNode t : j.path("trace")) {
                trace.add(new TracePoint(t.path("evaluations").asLong(), t.path("valid").asLong(), t.path("seconds").asDouble(),
                        t.path("best").asDouble()));
            }
            return Optional.of(new CheckpointStore.Checkpoint(m, j.path("evaluations").asLong(),
                    j.path("valid_evaluations").asLong(), j.path("seconds").asDouble(), trace,
                    j.path("search_complete").asBoolean()));
        } catch (IOException | InputException | IllegalArgumentException | java.util.NoSuchElementException e) {
            err.println("note: cannot use checkpoint " + f + " (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    + "); searching layer " + layer + " again.");
            return Optional.empty();
        }
    }

    /** Records a finished layer, after its mapping files. */
    void writeCheckpoint(LayerResult r, String fingerprint, String timeloopMapping) {
        ObjectNode j = EvaluationJson.MAPPER.createObjectNode();
        j.put("layer", r.name());
        j.put("index", r.index() + 1);
        j.put("fingerprint", fingerprint);
        j.put("mapper", r.mapper());
        j.put("seed", r.seed());
        j.put("evaluations", r.evaluations());
        j.put("valid_evaluations", r.valid());
        j.put("seconds", r.seconds());
        j.put("energy_pj", r.evaluation().energyPj());
        j.put("cycles", r.evaluation().cycles());
        j.put("timeloop_mapping", timeloopMapping);
        j.put("search_complete", r.complete());
        j.set("trace", MapReport.trace(r.trace()));
        OutputFiles.writeAtomically(checkpoint(r.index(), r.name()), j.toPrettyString() + "\n");
    }

    /** Writes the whole result, once every layer is done. */
    void writeResult(String json, String summary) {
        OutputFiles.writeAtomically(dir.resolve("result.json"), json);
        OutputFiles.writeAtomically(dir.resolve("summary.txt"), summary);
    }
}
