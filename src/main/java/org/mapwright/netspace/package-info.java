/**
 * Network spaces for network search and co-search: the Once-for-All MobileNetV3 space ({@link
 * org.mapwright.netspace.OfaSpace}) and the NAS-Bench-201 cell space ({@link org.mapwright.netspace.Nb201Space}) behind
 * one genome interface ({@link org.mapwright.netspace.NetSpace}), each candidate building its Mapwright network (IR
 * or DSL text), and accuracy models for them ({@link org.mapwright.netspace.AccuracyModel}): OFA's published
 * accuracy predictor run with DJL, and NAS-Bench-201 accuracies read from a benchmark file.
 */
package org.mapwright.netspace;
