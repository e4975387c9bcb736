package org.mapwright.exec;

/** Runs the tasks of one job in one process. Thread-safe: an engine may run several tasks at once. */
public interface Worker {

    /** One task: its result for {@code item}; a pure function of the job's context and the item. */
    byte[] apply(byte[] item);
}
