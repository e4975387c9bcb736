package org.mapwright.cost;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a mapping cannot run on the hardware. An illegal mapping is a value, not an exception: mappers count these
 * by kind, and reports print {@link #message()}.
 *
 * @param kind      what limit was broken
 * @param level     the storage level concerned
 * @param subject   the tensor (capacity, keep) or dimension (spatial) concerned, if one is
 * @param requested what the mapping asks for (words, or instances for fan-outs)
 * @param available what the hardware has
 * @param message   a full sentence for users
 */
public record Violation(Kind kind, String level, Optional<String> subject, long requested, long available, String message) {

    /** The classes of hardware limits, as Timeloop counts them. */
    public enum Kind {
        /** The tiles a level keeps do not fit in its capacity. */
        CAPACITY,
        /** A spatial product exceeds the fan-out on the X axis. */
        FANOUT_X,
        /** A spatial product exceeds the fan-out on the Y axis. */
        FANOUT_Y,
        /** A dimension is unrolled on an axis whose hardware does not allow it. */
        SPATIAL_DIM,
        /** A level keeps a tensor it cannot hold. */
        KEEP
    }

    public Violation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
    }

    /** By how much the request exceeds what is available (0 for kinds without a size). */
    public long excess() {
        return Math.max(0, requested - available);
    }
}
