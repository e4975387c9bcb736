/**
 * The Mapwright DSL front end: ANTLR parse tree, {@link org.mapwright.dsl.Ast} records with source spans,
 * checkers, and the IR they produce ({@link org.mapwright.dsl.Library}). ANTLR types stay inside this package.
 */
package org.mapwright.dsl;
