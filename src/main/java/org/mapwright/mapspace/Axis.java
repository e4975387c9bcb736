package org.mapwright.mapspace;

/** The two axes of a spatial fan-out. */
public enum Axis {
    X, Y
}
