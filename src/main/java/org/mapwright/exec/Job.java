package org.mapwright.exec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A kind of task and the context every task of it needs.
 *
 * <p>The context is sent once to each worker process (a Spark broadcast), not with every task; the {@link #id()}
 * (the kind and the context's SHA-256) names it, so that a process builds its worker once per context.
 */
public final class Job {
    private final String kind;
    private final byte[] context;
    private final String id;

    public Job(String kind, byte[] context) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.context = Objects.requireNonNull(context, "context").clone();
        this.id = id(kind, this.context);
    }

    /** A job whose context is text (JSON, say), encoded as UTF-8. */
    public static Job of(String kind, String context) {
        return new Job(kind, context.getBytes(StandardCharsets.UTF_8));
    }

    /** The name of the {@link TaskKind} that runs the tasks. */
    public String kind() {
        return kind;
    }

    /** A copy of the context. */
    public byte[] context() {
        return context.clone();
    }

    /** The kind and the context's SHA-256: equal ids, equal jobs. */
    public String id() {
        return id;
    }

    /** The id of a job of {@code kind} with {@code context}. */
    public static String id(String kind, byte[] context) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(kind.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            return kind + ":" + HexFormat.of().formatHex(md.digest(context));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime.", e);
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
