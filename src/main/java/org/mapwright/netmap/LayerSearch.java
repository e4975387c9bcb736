package org.mapwright.netmap;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mapwright.arch.Architecture;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.cost.Evaluation;
import org.mapwright.diag.Diagnostic;
import org.mapwright.diag.SourceSpan;
import org.mapwright.mapping.Mapping;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.mapspace.NoLegalMappingException;
import org.mapwright.search.LowerBound;
import org.mapwright.search.Outcome;
import org.mapwright.search.ProgressListener;
import org.mapwright.search.SearchDriver;
import org.mapwright.search.SearchResult;
import org.mapwright.search.TracePoint;
import org.mapwright.timeloop.MappingWriter;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Workload;

/** The search of one layer for {@link NetworkMapper}: its mapspace, checkpoint, search and result. */
final class LayerSearch {
    private static final int CACHE_SIZE = 1 << 15;

    private final NetworkMapper.Settings s;
    private final Architecture arch;
    private final Listener listener;
    private final CheckpointStore store;

    LayerSearch(NetworkMapper.Settings s, Architecture arch, Listener listener, CheckpointStore store) {
        this.s = s;
        this.arch = arch;
        this.listener = listener;
        this.store = store;
    }

    /** Maps the step's layer with its own seed, or takes it from the store. */
    LayerResult layer(Listener.Step step, String target, Constraints c, long seed) {
        Layer layer = step.layer();
        Workload w = layer.workload();
        Mapspace space;
        try {
            space = new Mapspace(w, arch, c);
        } catch (NoLegalMappingException | IllegalArgumentException e) {
            throw new UnmappableLayerException(UnmappableLayerException.Kind.NO_MAPSPACE, layer.name(), e.getMessage());
        }
        for (String x : space.warnings()) {
            listener.warning(step, Diagnostic.warning(SourceSpan.of("layer " + layer.name(), 0, 0), x));
        }
        Optional<String> unsupported = s.mapper().unsupported(space);
        if (unsupported.isPresent()) {
            throw new UnmappableLayerException(UnmappableLayerException.Kind.MAPPER_UNSUPPORTED, layer.name(),
                    unsupported.get());
        }
        LowerBound bound = LowerBound.of(space);
        // without a store nothing is resumed or written, and the fingerprint (a hash of the whole input) is not needed
        String fingerprint = store == CheckpointStore.NONE ? "" : fingerprint(w, c, seed);
        Optional<CheckpointStore.Checkpoint> resumed = store == CheckpointStore.NONE ? Optional.empty()
                : store.resume(step.index(), layer.name(), fingerprint, w, arch);
        Mapping mapping;
        long evaluations;
        long valid;
        double seconds;
        List<TracePoint> trace;
        boolean complete;
        Optional<LayerResult.OracleCost> oracle = Optional.empty();
        if (resumed.isPresent()) {
            CheckpointStore.Checkpoint cp = resumed.get();
            mapping = cp.mapping();
            evaluations = cp.evaluations();
            valid = cp.valid();
            seconds = cp.seconds();
            trace = cp.trace();
            complete = cp.complete();
        } else {
            listener.layerStarted(step);
            if (!s.analytical()) {
                probe(space, layer.name());
            }
            ProgressListener progress = listener == Listener.NONE ? ProgressListener.NONE
                    : (e, b, sec, best) -> listener.progress(step, e, b, sec, best);
            SearchResult sr = SearchDriver.run(space, s.mapper(), new SearchDriver.Settings(s.objective(), s.budget(),
                    seed, s.threads(), CACHE_SIZE, progress, s.oracle(), s.oracleOptions()));
            if (!sr.found()) {
                throw new UnmappableLayerException(UnmappableLayerException.Kind.NOT_FOUND, layer.name(), noMapping(sr));
            }
            // through the Timeloop text and back, so that a fresh result and one resumed from a checkpoint are one value
            mapping = CheckpointStore.readMapping("layer " + layer.name(),
                    MappingWriter.write(sr.bestMapping().orElseThrow(), w, arch), w, arch);
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
        Evaluation e = new AnalyticalModel(w, arch).evaluate(mapping);
        if (!e.valid()) {
            throw new IllegalStateException("The best mapping of layer " + layer.name() + " is not valid: " + e.reason());
        }
        LayerResult r = new LayerResult(step.index(), layer, target, mapping, e, bound, evaluations, valid, seconds,
                s.mapper().name(), seed, Optional.empty(), trace, complete, oracle);
        store.writeLayer(r);
        if (resumed.isEmpty()) {
            store.writeCheckpoint(r, fingerprint);
        }
        listener.layerFinished(step, r, resumed.isPresent());
        return r;
    }

    /** The identity of a layer's search, for its checkpoint. */
    private String fingerprint(Workload w, Constraints c, long seed) {
        // the oracle joins the fingerprint only when it is not the default, so that earlier checkpoints still resume
        String searcher = s.analytical() ? s.mapper().name() : s.mapper().name() + " with oracle " + s.oracle().name();
        return Fingerprint.of(w, arch, c, searcher, s.objective().toString(), s.budget(), seed, s.threads());
    }

    /** Opens and closes the oracle once, so that a layer or accelerator it cannot take is reported as such. */
    private void probe(Mapspace space, String layer) {
        try {
            s.oracle().open(space, s.oracleOptions()).close();
        } catch (IllegalArgumentException e) {
            throw new UnmappableLayerException(UnmappableLayerException.Kind.ORACLE_UNSUPPORTED, layer, "The "
                    + s.oracle().name() + " oracle cannot evaluate it on " + space.architecture().name() + ": "
                    + e.getMessage());
        }
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
}
