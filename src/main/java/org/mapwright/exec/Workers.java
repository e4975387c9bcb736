package org.mapwright.exec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * The workers of this process, one per job, built on first use and kept for the next tasks of the job (a generation
 * after another reuses the worker and its caches). The {@value #KEPT} most recently used are kept.
 */
public final class Workers {
    static final int KEPT = 4;

    /** A worker being built or built; tasks of the same job wait for one build. */
    private static final class Slot {
        private Worker worker;
    }

    private static final Map<String, Slot> OPEN = new LinkedHashMap<>(16, 0.75f, true);

    private Workers() {
    }

    /** The worker of {@code job}. */
    public static Worker of(Job job) {
        return of(job.kind(), job.id(), job::context);
    }

    /**
     * The worker of the job with {@code id}, of kind {@code kind}; {@code context} is asked for only when the worker
     * is built (on a cluster: the broadcast's value).
     */
    public static Worker of(String kind, String id, Supplier<byte[]> context) {
        Slot slot;
        synchronized (OPEN) {
            slot = OPEN.computeIfAbsent(id, k -> new Slot());
            if (OPEN.size() > KEPT) {
                OPEN.remove(OPEN.keySet().iterator().next());
            }
        }
        // built under the slot's lock only: building may take seconds (a model to load) and other jobs go on
        synchronized (slot) {
            if (slot.worker == null) {
                slot.worker = kind(kind).open(context.get());
            }
            return slot.worker;
        }
    }

    /** Forgets the worker of the job with {@code id}, if kept. */
    public static void release(String id) {
        synchronized (OPEN) {
            OPEN.remove(id);
        }
    }

    /** The task kind named {@code name}. */
    public static TaskKind kind(String name) {
        for (TaskKind k : ServiceLoader.load(TaskKind.class, Workers.class.getClassLoader())) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        throw new IllegalStateException("No task kind `" + name + "` is on this process's class path; run the "
                + "workers with the same Mapwright jar as the driver.");
    }
}
