package org.mapwright.timeloop;

import java.util.Optional;
import org.mapwright.diag.SourceSpan;

/**
 * A node of a parsed YAML document that remembers where it came from. Maps keep their key order and the position of
 * every key; scalars keep their text exactly as written. Tags such as {@code !Component} are kept without the
 * leading {@code !}.
 */
public sealed interface YamlNode permits YamlMap, YamlSeq, YamlScalar {

    /** Where the node starts and ends in its file. */
    SourceSpan span();

    /** The node's YAML tag, without the leading {@code !}, if it has one. */
    Optional<String> tag();

    /** How the node reads in a message, such as "a list" or "the text 'abc'". */
    String describe();
}
