package org.mapwright.mapping;

import java.util.Optional;

/**
 * A structural error in a mapping, found by {@link MappingChecker}. Front ends turn it into a diagnostic at the
 * source position of the named level (and dimension or tensor, when given).
 *
 * @param level   index of the level the problem is about, or -1 for the mapping as a whole
 * @param dim     the dimension concerned, if any
 * @param tensor  the tensor concerned, if any
 * @param message a full sentence that says what to do
 */
public record MappingProblem(int level, Optional<String> dim, Optional<String> tensor, String message) {
}
