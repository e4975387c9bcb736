/**
 * Mapwright as a library for JVM compilers: {@link org.mapwright.api.Mapwright} finds networks and accelerators
 * (built-in names, DSL text or files), maps a layer or a network onto an accelerator with a mapper and a budget, and
 * evaluates a given mapping, keeping results by exact key so that a request met again is answered at once. The
 * command line and the mapping service use it.
 */
package org.mapwright.api;
