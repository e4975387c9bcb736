/**
 * The workload IR: einsum-style layers over named dimensions with affine tensor indices, and networks as ordered
 * lists of layers. Immutable records that validate in their constructors; nothing here knows about hardware.
 */
package org.mapwright.workload;
