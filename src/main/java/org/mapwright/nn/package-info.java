/**
 * Small neural networks on DJL (PyTorch engine, offline): {@link org.mapwright.nn.Mlp} (a perceptron with given or
 * loaded weights) and {@link org.mapwright.nn.Regressor} (an MLP on z-scored features and targets, trained, saved
 * and loaded with its normalisation and provenance). The accuracy and cost predictors of the network search build on
 * these; {@link org.mapwright.nn.Engines} holds the engine settings every DJL user here shares.
 */
package org.mapwright.nn;
