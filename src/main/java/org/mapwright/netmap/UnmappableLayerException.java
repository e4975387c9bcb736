package org.mapwright.netmap;

import java.util.Objects;
import org.mapwright.diag.Diagnostic;
import org.mapwright.diag.SourceSpan;

/**
 * A layer of the network cannot be mapped onto the accelerator with the given constraints and settings. Its
 * {@link #diagnostic()} reads {@code layer NAME: error: REASON}, the reason a full sentence that says what to do;
 * its {@link #kind()} tells a caller that tries many accelerators whether this one is infeasible for the layer or
 * the settings do not fit it.
 */
public final class UnmappableLayerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the layer cannot be mapped. */
    public enum Kind {
        /** The accelerator and the constraints admit no legal mapping of the layer at all. */
        NO_MAPSPACE,
        /** The search found no legal mapping within its budget. */
        NOT_FOUND,
        /** The mapper cannot search this layer or accelerator. */
        MAPPER_UNSUPPORTED,
        /** The cost oracle cannot evaluate this layer or accelerator. */
        ORACLE_UNSUPPORTED
    }

    private final Kind kind;
    private final String layer;
    private final String reason;

    /**
     * @param layer  the layer's name
     * @param reason a full sentence: what is wrong and what to do
     */
    public UnmappableLayerException(Kind kind, String layer, String reason) {
        super("layer " + layer + ": " + reason);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.layer = Objects.requireNonNull(layer, "layer");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Kind kind() {
        return kind;
    }

    /** The layer's name. */
    public String layer() {
        return layer;
    }

    /** Where the error is, for a diagnostic: {@code layer NAME}. */
    public String location() {
        return "layer " + layer;
    }

    /** The reason, without the location. */
    public String reason() {
        return reason;
    }

    /** The error as a diagnostic located at the layer. */
    public Diagnostic diagnostic() {
        return Diagnostic.error(SourceSpan.of(location(), 0, 0), reason);
    }
}
