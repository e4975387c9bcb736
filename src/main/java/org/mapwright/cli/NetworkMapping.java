package org.mapwright.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.mapwright.arch.Architecture;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.cost.Evaluation;
import org.mapwright.mapping.Mapping;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.mapspace.NoLegalMappingException;
import org.mapwright.search.Budget;
import org.mapwright.search.CostOracleProvider;
import org.mapwright.search.CostOracles;
import org.mapwright.search.LowerBound;
import org.mapwright.search.MapperProvider;
import org.mapwright.search.Objective;
import org.mapwright.search.OracleOptions;
import org.mapwright.search.Outcome;
import org.mapwright.search.ProgressListener;
import org.mapwright.search.SearchDriver;
import org.mapwright.search.SearchResult;
import org.mapwright.search.TracePoint;
import org.mapwright.timeloop.MappingReader;
import org.mapwright.timeloop.MappingWriter;
import org.mapwright.timeloop.TimeloopDocument;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Workload;

/**
 * Maps the layers of a network one after another. Layers with the same workload apart from their names are searched
 * once and the others reuse that result. Every layer's seed is split from the root seed by the layer's place in the
 * whole network, so a run of one layer ({@code --layer}) or a resumed run searches it exactly as a full run does.
 * Progress goes to stderr: a line when a layer starts and one when it ends, and a live bar between them on a
 * terminal.
 */
final class NetworkMapping {

    /** The search settings every layer shares. */
    record Settings(MapperProvider mapper, Objective objective, Budget budget, long seed, int threads,
                    CostOracleProvider oracle, OracleOptions oracleOptions) {

        /** Whether the search ranks mappings by the analytical model, whose figures the report shows. */
        boolean analytical() {
            return oracle.name().equals(CostOracles.DEFAULT);
        }
    }

    private static final int CACHE_SIZE = 1 << 15;

    private final MapInputs in;
    private final Settings s;
    private final Optional<MapOutputs> out;
    private final PrintWriter err;
    private final boolean live;

    /**
     * @param live whether stderr is a terminal, so that a progress bar can redraw one line
     */
    NetworkMapping(MapInputs in, Settings s, Optional<MapOutputs> out, PrintWriter err, boolean live) {
        this.in = in;
        this.s = s;
        this.out = out;
        this.err = err;
        this.live = live;
    }

    /** One seed per layer of the whole network: the root stream split once per layer, in order. */
    static long[] layerSeeds(long root, int layers) {
        SplittableRandom r = new SplittableRandom(root);
        long[] seeds = new long[layers];
        for (int i = 0; i < layers; i++) {
            seeds[i] = r.split().nextLong();
        }
        return seeds;
    }

    /** Maps the layers at {@code selected} (indices into the network, in order). */
    List<LayerResult> run(List<Integer> selected) {
        long[] seeds = layerSeeds(s.seed(), in.layers().size());
        List<LayerResult> results = new ArrayList<>();
        Map<Workload, LayerResult> searched = new HashMap<>();
        String counter = "[%" + Integer.toString(selected.size()).length() + "d/" + selected.size() + "] ";
        for (int k = 0; k < selected.size(); k++) {
            int i = selected.get(k);
            Layer layer = in.layers().get(i);
            String prefix = String.format(Locale.ROOT, counter, k + 1) + layer.name() + ": ";
            Workload shape = layer.workload().withName("");
            LayerResult earlier = searched.get(shape);
            LayerResult r;
            if (earlier != null) {
                r = earlier.reusedBy(i, layer, in.target(layer.name()));
                err.println(prefix + "same as " + earlier.name() + ", not searched again");
                out.ifPresent(o -> o.writeLayer(r, in, MapReport.dsl(r, in), MapReport.timeloop(r, in)));
            } else {
                r = layer(i, layer, seeds[i], prefix);
                searched.put(shape, r);
            }
            results.add(r);
        }
        return results;
    }

    private LayerResult layer(int index, Layer layer, long seed, String prefix) {
        Workload w = layer.workload();
        Architecture a = in.architecture();
        String where = "layer " + layer.name();
        Constraints c = in.constraintsFor(w);
        in.newWarnings().forEach(x -> err.println(x.format()));
        Mapspace space;
        try {
            space = new Mapspace(w, a, c);
        } catch (NoLegalMappingException | IllegalArgumentException e) {
            throw MapInputs.badInput(where, e.getMessage());
        }
        space.warnings().forEach(x -> err.println(where + ": warning: " + x));
        Optional<String> unsupported = s.mapper().unsupported(space);
        if (unsupported.isPresent()) {
            throw MapInputs.badInput(where, unsupported.get());
        }
        LowerBound bound = LowerBound.of(space);
        // the oracle joins the fingerprint only when it is not the default, so that earlier checkpoints still resume
        String searcher = s.analytical() ? s.mapper().name() : s.mapper().name() + " with oracle " + s.oracle().name();
        String fingerprint = Fingerprint.of(w, a, c, searcher, s.objective().toString(), s.budget(), seed, s.threads());
        Optional<MapOutputs.Resumed> resumed = out.flatMap(o -> o.resume(index, layer.name(), fingerprint, w, a, err));
        if (resumed.isEmpty()) {
            err.println(prefix + "searching " + w.withName(""));
        }
        Mapping mapping;
        long evaluations;
        long valid;
        double seconds;
        List<TracePoint> trace;
        boolean complete;
        Optional<LayerResult.OracleCost> oracle = Optional.empty();
        if (resumed.isPresent()) {
            mapping = resumed.get().mapping();
            evaluations = resumed.get().evaluations();
            valid = resumed.get().valid();
            seconds = resumed.get().seconds();
            trace = resumed.get().trace();
            complete = resumed.get().complete();
        } else {
            Bar bar = new Bar(prefix);
            if (!s.analytical()) {
                probe(space, where);
            }
            SearchResult sr = SearchDriver.run(space, s.mapper(), new SearchDriver.Settings(s.objective(), s.budget(),
                    seed, s.threads(), CACHE_SIZE, live ? bar : ProgressListener.NONE, s.oracle(), s.oracleOptions()));
            bar.clear();
            if (!sr.found()) {
                throw MapInputs.badInput(where, noMapping(sr));
            }
            // through the Timeloop text and back, so that a fresh result and one resumed from a checkpoint are one value
            mapping = readTimeloop(where, MappingWriter.write(sr.bestMapping().orElseThrow(), w, a), w, a);
            evaluations = sr.evaluations();
            valid = sr.valid();
            seconds = sr.seconds();
            trace = sr.trace();
            complete = sr.exhausted();
            if (!s.analytical()) {
                Outcome o = sr.bestOutcome().orElseThrow();
                oracle = Optional.of(new LayerResult.OracleCost(s.oracle().name(), o.energyPj(), o.cycles(),
                        sr.trueEvaluations(), sr.cacheHits()));
            }
        }
        Evaluation e = new AnalyticalModel(w, a).evaluate(mapping);
        if (!e.valid()) {
            throw new IllegalStateException("The best mapping of layer " + layer.name() + " is not valid: " + e.reason());
        }
        LayerResult r = new LayerResult(index, layer, in.target(layer.name()), mapping, e, bound, evaluations, valid,
                seconds, s.mapper().name(), seed, Optional.empty(), trace, complete, oracle);
        if (out.isPresent()) {
            String yaml = MapReport.timeloop(r, in);
            out.get().writeLayer(r, in, MapReport.dsl(r, in), yaml);
            if (resumed.isEmpty()) {
                out.get().writeCheckpoint(r, fingerprint, yaml);
            }
        }
        String byOracle = oracle.map(o -> String.format(Locale.ROOT, " (%s: EDP %s, %,d true evaluations, %,d cache hits)",
                o.name(), MapReport.edp(org.mapwright.cost.Cost.edp(o.energyPj(), o.cycles())), o.trueEvaluations(),
                o.cacheHits())).orElse("");
        err.println(prefix + (resumed.isPresent() ? "resumed from checkpoint: " : "") + String.format(Locale.ROOT,
                "EDP %s (%.1fx lower bound), %,d evaluations%s, %.1f s%s", MapReport.edp(e.edp()), r.edpOverBound(),
                evaluations, byOracle, seconds, complete ? "; the whole mapspace was searched, so this is the optimum" : ""));
        return r;
    }

    /** Opens and closes the oracle once, so that a layer or accelerator it cannot take is bad input, not a crash. */
    private void probe(Mapspace space, String where) {
        try {
            s.oracle().open(space, s.oracleOptions()).close();
        } catch (IllegalArgumentException e) {
            throw MapInputs.badInput(where, "The " + s.oracle().name() + " oracle cannot evaluate it on "
                    + space.architecture().name() + ": " + e.getMessage());
        }
    }

    /** Reads Timeloop mapping YAML text for workload {@code w}. */
    static Mapping readTimeloop(String file, String yaml, Workload w, Architecture a) {
        TimeloopDocument doc = TimeloopDocument.parse(file, yaml);
        return MappingReader.read(doc.section(TimeloopDocument.Section.MAPPING).orElseThrow().value(), w, a);
    }

    private static String noMapping(SearchResult sr) {
        String why = sr.commonestRejection().map(st -> "most candidates broke " + describe(st))
                .orElse("the mapper proposed no candidates");
        return String.format(Locale.ROOT, "No legal mapping found in %,d evaluations; %s. Relax the constraints or "
                + "give a larger budget with --budget-evals N or --budget-seconds S.", sr.evaluations(), why);
    }

    private static String describe(Outcome.Status status) {
        return switch (status) {
            case CAPACITY -> "capacity (a tile did not fit its level)";
            case FANOUT_X -> "the X fan-out (more instances unrolled than a level has)";
            case FANOUT_Y -> "the Y fan-out (more instances unrolled than a level has)";
            case SPATIAL_DIM -> "a spatial restriction (a dimension unrolled where the hardware forbids it)";
            case KEEP -> "a keep restriction (a level kept a tensor it cannot hold)";
            case UTILIZATION -> "the minimum utilization";
            default -> status.name().toLowerCase(Locale.ROOT);
        };
    }

    /** A progress bar redrawn in place with carriage returns. */
    private final class Bar implements ProgressListener {
        private final String prefix;
        private int drawn;

        Bar(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public synchronized void progress(long evaluations, long budget, double seconds, double best) {
            StringBuilder sb = new StringBuilder(prefix);
            if (budget > 0) {
                int filled = (int) Math.min(20, 20 * evaluations / budget);
                sb.append('[').append("#".repeat(filled)).append(".".repeat(20 - filled)).append("] ");
            }
            sb.append(String.format(Locale.ROOT, "%,d evaluations, %.1f s", evaluations, seconds));
            if (Double.isFinite(best)) {
                sb.append(", best ").append(s.objective().primary().label()).append(' ').append(MapReport.edp(best));
            }
            String line = sb.toString();
            err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
            err.flush();
            drawn = line.length();
        }

        synchronized void clear() {
            if (drawn > 0) {
                err.print("\r" + " ".repeat(drawn) + "\r");
                err.flush();
                drawn = 0;
            }
        }
    }
}
