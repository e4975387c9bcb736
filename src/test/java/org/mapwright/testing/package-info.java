/** Test and benchmark helpers: random mappings and other generators shared by property tests and benchmarks. */
package org.mapwright.testing;
