package org.mapwright.archsearch;

import java.util.Objects;
import org.mapwright.archspace.ArchSpace;
import org.mapwright.archspace.Candidate;
import org.mapwright.tech.Technology;

/** A DSL architecture space as the search sees it, priced by its technology (resolved once). */
public final class SpaceDesigns implements DesignSpace {
    private final ArchSpace space;
    private final Technology technology;

    public SpaceDesigns(ArchSpace space) {
        this.space = Objects.requireNonNull(space, "space");
        this.technology = space.resolveTechnology();
    }

    public ArchSpace space() {
        return space;
    }

    public Technology technology() {
        return technology;
    }

    @Override
    public String name() {
        return space.name();
    }

    @Override
    public int dimensions() {
        return space.dimensions();
    }

    /**
     * A text that changes when the space does: its parameters and the designs at a few fixed points (keys are
     * canonical, unlike the iteration order of the IR's sets), for checkpoints.
     */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder(String.join(",", space.parameterNames()));
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int k = 0; k < 8; k++) {
            double[] u = new double[dimensions()];
            for (int i = 0; i < u.length; i++) {
                u[i] = k == 0 ? 0 : k == 1 ? 1 : r.nextDouble();
            }
            Design d = decode(u);
            sb.append('|').append(d.key()).append('@').append(d.areaMm2());
        }
        return sb.toString();
    }

    @Override
    public Design decode(double[] point) {
        Candidate c = space.decode(point, technology);
        return new Design(c.key(), c.architecture(), c.violation(), c.violatedLimits(), c.usage().areaMm2(),
                c.usage().computeUnits(), Math.round(c.usage().onChipBytes()));
    }
}
