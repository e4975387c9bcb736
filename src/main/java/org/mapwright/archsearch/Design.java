package org.mapwright.archsearch;

import java.util.List;
import java.util.Objects;
import org.mapwright.arch.Architecture;

/**
 * A point of a design space decoded into an accelerator, with its resource use.
 *
 * @param key          canonical key: equal keys mean equal accelerators, so a design is costed once
 * @param architecture the accelerator, its energies and areas from the space's technology model
 * @param violation    0 when within every resource limit, else the sum of relative excesses
 * @param violated     the limits it breaks, in words
 * @param areaMm2      area by the technology model
 * @param computeUnits compute units
 * @param onChipBytes  on-chip storage in bytes
 */
public record Design(String key, Architecture architecture, double violation, List<String> violated, double areaMm2,
                     long computeUnits, long onChipBytes) {
    public Design {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(architecture, "architecture");
        violated = List.copyOf(violated);
        if (!(violation >= 0)) {
            throw new IllegalArgumentException("A violation is 0 or positive, got " + violation + ".");
        }
    }
}
