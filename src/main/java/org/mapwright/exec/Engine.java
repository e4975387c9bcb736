package org.mapwright.exec;

import java.util.List;

/**
 * Runs jobs: every item of a job through the job's worker, wherever the engine runs its tasks. Implementations:
 * {@link LocalEngine} (threads of this process) and those found through {@link EngineProvider}.
 */
public interface Engine extends AutoCloseable {

    /** The engine's name and where it runs, for reports ("local, 2 threads", "spark local[2]"). */
    String description();

    /** About how many tasks run at once, to size batches. */
    int parallelism();

    /**
     * The results of every item, in the items' order. A task's failure is rethrown here (as the
     * {@link RuntimeException} it was when it can be, else an {@link IllegalStateException} naming it).
     */
    List<byte[]> run(Job job, List<byte[]> items);

    /** Releases what the engine holds (threads, a cluster connection). */
    @Override
    void close();
}
