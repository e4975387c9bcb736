package org.mapwright.archspace;

import java.util.List;
import java.util.Objects;
import org.mapwright.arch.Architecture;

/**
 * One decoded point of an architecture space.
 *
 * @param architecture   the accelerator, priced by the space's technology
 * @param choices        the values picked for every parameter
 * @param usage          the resources it uses
 * @param violation      0 when within every limit, else the sum of the relative excesses (see {@link Limits#violation})
 * @param violatedLimits the limits exceeded, as sentences
 */
public record Candidate(Architecture architecture, Choices choices, Usage usage, double violation,
                        List<String> violatedLimits) {

    public Candidate {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(choices, "choices");
        Objects.requireNonNull(usage, "usage");
        violatedLimits = List.copyOf(violatedLimits);
        if (!(violation >= 0)) {
            throw new IllegalArgumentException("A violation is 0 or positive, got " + violation + ".");
        }
    }

    /** Whether the candidate is within every limit. */
    public boolean feasible() {
        return violation == 0;
    }

    /** A canonical text of the choices: equal for equal accelerators of one space, so searches can cache by it. */
    public String key() {
        return choices.key();
    }
}
