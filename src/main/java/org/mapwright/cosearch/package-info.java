/**
 * The three-level co-search (NAAS): an accelerator search over an architecture space whose every candidate design
 * gets its own network search (screened by the learned cost predictor, confirmed by mapping every layer), against
 * an efficient baseline network on the baseline design and the network search alone on that fixed design.
 */
package org.mapwright.cosearch;
