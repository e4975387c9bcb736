/**
 * The {@code mapwright} command line (picocli): {@code evaluate} one mapping, {@code map} a network onto an
 * accelerator (a shell over {@link org.mapwright.netmap.NetworkMapper}). Input files are DSL or Timeloop YAML
 * recognised by content; results go to stdout (tables or JSON), progress to stderr, files under {@code --out} are
 * written atomically.
 */
package org.mapwright.cli;
