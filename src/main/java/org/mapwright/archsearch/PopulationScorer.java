package org.mapwright.archsearch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.mapwright.exec.Engine;
import org.mapwright.exec.Job;

/**
 * Scores a generation's new designs, results in their order: on local threads with a coster, or as tasks of a
 * {@link Job} on an {@link Engine}, where every task decodes its point with the job's space and scores the design
 * with the job's coster (see {@link DesignTasks}).
 */
public interface PopulationScorer {

    /**
     * The scores of {@code designs}, decoded from {@code points} (same order and length); a design that breaks a
     * resource limit is not mapped ({@link ArchSearch#outOfLimits}).
     */
    List<Scored> score(List<Design> designs, List<double[]> points);

    /** On {@code executor} with {@code coster}, which must be thread-safe. */
    static PopulationScorer local(Function<Design, Scored> coster, PopulationExecutor executor) {
        Objects.requireNonNull(coster, "coster");
        Objects.requireNonNull(executor, "executor");
        return (designs, points) -> executor.map(designs, d -> d.violation() > 0 ? ArchSearch.outOfLimits(d)
                : coster.apply(d));
    }

    /** As tasks of {@code job} on {@code engine}: one task per point. */
    static PopulationScorer engine(Engine engine, Job job) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(job, "job");
        return (designs, points) -> {
            List<byte[]> items = new ArrayList<>(points.size());
            for (double[] p : points) {
                items.add(DesignTasks.item(p));
            }
            List<byte[]> out = engine.run(job, items);
            List<Scored> scored = new ArrayList<>(out.size());
            for (int i = 0; i < out.size(); i++) {
                Scored s = DesignTasks.score(out.get(i));
                if (!s.key().equals(designs.get(i).key())) {
                    throw new IllegalStateException("A worker scored design " + s.key() + " for point " + i + ", which "
                            + "decodes to " + designs.get(i).key() + " here: the workers run another Mapwright "
                            + "version than the driver; give them the same jar.");
                }
                scored.add(s);
            }
            return scored;
        };
    }
}
