/**
 * The executor seam: how a search hands a batch of independent tasks (a generation of candidate designs, a chunk of
 * surrogate samples to label) to whatever runs them, in this process or on a cluster.
 *
 * <p>A {@link Job} is a kind of task and its context (bytes, usually JSON: the network, the space, the settings,
 * any model), sent once to every worker process; an item is one task's input, its result one task's output, both
 * bytes. A {@link TaskKind}, found through {@link java.util.ServiceLoader} by name, turns a context into a
 * {@link Worker}, built once per process and context ({@link Workers}). An {@link Engine} runs a job's items and
 * returns the results in the items' order; {@link LocalEngine} uses local threads, and other engines (Apache Spark,
 * in the {@code mapwright-spark} module) are found by name through {@link EngineProvider}. Because a task sees only
 * its context and its item, and every seed is fixed before the job is handed over, the results do not depend on the
 * engine, the number of threads or workers, or tasks being run again after a failure.
 */
package org.mapwright.exec;
