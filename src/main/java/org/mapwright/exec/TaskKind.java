package org.mapwright.exec;

/**
 * A kind of task that engines can run anywhere (a service: list the class in
 * {@code META-INF/services/org.mapwright.exec.TaskKind}). The class must be on every worker's class path, which the
 * core jar is.
 */
public interface TaskKind {

    /** The kind's name, as in {@link Job#kind()}. */
    String name();

    /**
     * The worker for a context: parses it and builds what the tasks share (the network, the space, a cost cache).
     * Called once per process and context; a bad context is an {@link IllegalArgumentException}.
     */
    Worker open(byte[] context);
}
