package org.mapwright.netmap;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mapwright.arch.Architecture;
import org.mapwright.mapping.Mapping;
import org.mapwright.search.TracePoint;
import org.mapwright.timeloop.MappingReader;
import org.mapwright.timeloop.TimeloopDocument;
import org.mapwright.workload.Workload;

/**
 * Where a network mapping keeps what it finishes, so that a run stopped part-way resumes without searching the
 * finished layers again. A checkpoint is found by the layer's place in the network and name, and is valid only for
 * its fingerprint ({@link Fingerprint}: the workload, accelerator, constraints, mapper, objective, budget, seed and
 * threads of the search). {@link NetworkMapper} re-evaluates a resumed mapping with the analytical model.
 *
 * <p>Mappings travel as Timeloop mapping text ({@link #readMapping}); the mapper passes every fresh mapping through
 * that text too, so a fresh result and one resumed from a checkpoint are one value.
 */
public interface CheckpointStore {

    /** Keeps nothing and resumes nothing. */
    CheckpointStore NONE = new CheckpointStore() {
        @Override
        public Optional<Checkpoint> resume(int index, String layer, String fingerprint, Workload workload,
                                           Architecture arch) {
            return Optional.empty();
        }

        @Override
        public void writeCheckpoint(LayerResult result, String fingerprint) {
        }
    };

    /**
     * What a checkpoint gives back: a layer's best mapping and how its search went.
     *
     * @param mapping     the best mapping
     * @param evaluations candidates the search evaluated
     * @param valid       of which valid
     * @param seconds     wall-clock seconds of the search
     * @param trace       improvements of the best-so-far
     * @param complete    whether the search enumerated the whole mapspace
     */
    record Checkpoint(Mapping mapping, long evaluations, long valid, double seconds, List<TracePoint> trace,
                      boolean complete) {
        public Checkpoint {
            Objects.requireNonNull(mapping, "mapping");
            trace = List.copyOf(trace);
        }
    }

    /**
     * The checkpoint of a layer, if there is one made with this fingerprint; a store ignores any other (and may say
     * so to its user).
     *
     * @param index the layer's place in the whole network, from 0
     * @param layer the layer's name
     */
    Optional<Checkpoint> resume(int index, String layer, String fingerprint, Workload workload, Architecture arch);

    /**
     * Records a searched layer (not one resumed or reused), after {@link #writeLayer}.
     *
     * @param fingerprint what {@link #resume} must be given to get it back
     */
    void writeCheckpoint(LayerResult result, String fingerprint);

    /** Writes whatever else the store keeps for every finished layer (mapping files, say); by default nothing. */
    default void writeLayer(LayerResult result) {
    }

    /**
     * Reads Timeloop mapping YAML text of a mapping of {@code w} on {@code a}.
     *
     * @param file the name that locates errors in the text
     * @throws org.mapwright.diag.InputException when the text is not a mapping of {@code w} on {@code a}
     */
    static Mapping readMapping(String file, String yaml, Workload w, Architecture a) {
        TimeloopDocument doc = TimeloopDocument.parse(file, yaml);
        return MappingReader.read(doc.section(TimeloopDocument.Section.MAPPING).orElseThrow().value(), w, a);
    }
}
