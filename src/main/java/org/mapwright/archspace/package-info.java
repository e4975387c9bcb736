/**
 * Architecture spaces: sets of accelerators that an architecture search explores, and their real-valued encoding.
 *
 * <p>An {@link org.mapwright.archspace.ArchSpace} names the storage levels of a design from DRAM inward, the fan-outs
 * between them and the compute unit, and gives each size a {@link org.mapwright.archspace.Choice} of values: capacity,
 * block size, banks and bandwidth per level, which tensors a level may keep, and the mesh sides of every fan-out. The
 * dataflow is searched as in NAAS (Lin, Yang and Han, DAC 2021): each array axis has a list of candidate dimensions,
 * one real importance per candidate, and a choice of how many (k) are unrolled there; the k most important become the
 * axis's allowed dimensions. Energies and areas are not chosen: they follow the sizes through a
 * {@link org.mapwright.tech.Technology}, so that a bigger buffer costs energy and area.
 *
 * <p>A search works on a point of the unit cube: {@link org.mapwright.archspace.ArchSpace#dimensions} coordinates in
 * [0, 1], one per choice with more than one option and one per importance. {@link
 * org.mapwright.archspace.ArchSpace#decode} turns any such vector into a {@link org.mapwright.archspace.Candidate}: the
 * accelerator, its resource {@link org.mapwright.archspace.Usage} and how far it is over the space's
 * {@link org.mapwright.archspace.Limits}. Decoding is deterministic and total: out-of-range coordinates are clamped and
 * NaN reads as 0.5, so a search strategy never has to guard its proposals.
 */
package org.mapwright.archspace;
