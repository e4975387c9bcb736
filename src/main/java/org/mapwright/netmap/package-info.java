/**
 * Mapping a whole network onto an accelerator, as a library: {@link org.mapwright.netmap.NetworkMapper} searches
 * every layer with one mapper, objective and budget ({@link org.mapwright.netmap.NetworkMapper.Settings}), searches
 * layers of the same shape once, gives each layer a seed split from the root seed by its place in the network, and
 * adds the layers' costs times their repeat counts into a {@link org.mapwright.netmap.NetworkResult}. Progress goes
 * to a {@link org.mapwright.netmap.Listener}, finished layers to a {@link org.mapwright.netmap.CheckpointStore}
 * (identified by a {@link org.mapwright.netmap.Fingerprint}), and a layer that cannot be mapped is an
 * {@link org.mapwright.netmap.UnmappableLayerException} located at the layer.
 *
 * <p>{@code mapwright map} is a thin shell over this package (its stderr lines, live bar and {@code --out} files are
 * a listener and a store); the architecture search calls it in-process for every candidate accelerator, from several
 * threads at once. Nothing here keeps state between calls.
 */
package org.mapwright.netmap;
