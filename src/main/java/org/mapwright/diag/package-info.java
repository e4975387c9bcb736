/**
 * Source positions and user-facing diagnostics shared by every front end (the DSL and the Timeloop YAML reader).
 * Every message prints as {@code file:line:col: error: message}.
 */
package org.mapwright.diag;
