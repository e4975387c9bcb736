/**
 * Timeloop interoperability: reads Timeloop's problem, architecture, energy reference table (ERT), mapping and
 * constraints YAML into the workload, accelerator, mapping and constraint IR, writes problems, architectures, ERTs,
 * mappings and architecture constraints back in Timeloop's format, and runs the real {@code timeloop-model} as a
 * cost oracle ({@link org.mapwright.timeloop.TimeloopOracle}, {@link org.mapwright.timeloop.TimeloopModel}).
 *
 * <p>The front end is a fixed pipeline: text is parsed by Jackson's streaming YAML parser into a small immutable
 * tree that remembers where every key and value came from ({@link org.mapwright.timeloop.YamlReader}); the readers
 * then check that tree and build IR records. Every error is reported as {@code file:line:col: error: message} at the
 * offending key or value, all errors of an input are reported together, and no YAML or Jackson type leaves this
 * package except the position-carrying tree.
 *
 * <p>Entry points: {@link org.mapwright.timeloop.TimeloopLoader} for a set of files, or the individual readers
 * ({@link org.mapwright.timeloop.ProblemReader}, {@link org.mapwright.timeloop.ArchitectureReader},
 * {@link org.mapwright.timeloop.ErtReader}, {@link org.mapwright.timeloop.MappingReader},
 * {@link org.mapwright.timeloop.ConstraintsReader}) and
 * {@link org.mapwright.timeloop.MappingWriter}, {@link org.mapwright.timeloop.ProblemWriter},
 * {@link org.mapwright.timeloop.ArchitectureWriter}, {@link org.mapwright.timeloop.ErtWriter} and
 * {@link org.mapwright.timeloop.ConstraintsWriter}.
 */
package org.mapwright.timeloop;
