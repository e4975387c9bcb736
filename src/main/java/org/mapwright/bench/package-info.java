/**
 * Benchmarks of mappers against each other ({@code mapwright bench mappers}): every mapper on every layer and seed
 * at the same budget of true evaluations, aggregated per mapper (median over seeds, then geometric mean over layers,
 * also over each layer's true lower bound), with convergence curves and their PNG plots, and the CSV, Markdown and
 * JSON reports. The command line only loads the inputs and writes the files this package produces.
 */
package org.mapwright.bench;
