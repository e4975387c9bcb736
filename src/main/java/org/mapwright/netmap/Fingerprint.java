package org.mapwright.netmap;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stable text and hashes of IR values, for checkpoint fingerprints and provenance. The text is built from record
 * components rather than {@code toString()}: some records print only part of their state (a workload prints its
 * bounds but not its tensors or strides), and sets made with {@code Set.copyOf} iterate in an order that changes
 * from one JVM run to the next, which would make a fingerprint miss on resume.
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    /** SHA-256 of the canonical text of every part, in order. */
    public static String of(Object... parts) {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            sb.append(canonical(p)).append('\n');
        }
        return sha256(sb.toString());
    }

    /** Records by component, sets and map keys sorted, optionals unwrapped; other values by {@code toString()}. */
    public static String canonical(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof Optional<?> opt) {
            return opt.map(v -> "some(" + canonical(v) + ")").orElse("none");
        }
        if (o instanceof Set<?> s) {
            return s.stream().map(Fingerprint::canonical).sorted().collect(Collectors.joining(", ", "{", "}"));
        }
        if (o instanceof Collection<?> c) {
            return c.stream().map(Fingerprint::canonical).collect(Collectors.joining(", ", "[", "]"));
        }
        if (o instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> canonical(e.getKey()) + "=" + canonical(e.getValue())).sorted()
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (o.getClass().isRecord()) {
            return record(o);
        }
        if (o instanceof Double d) {
            return Double.toString(d);
        }
        return o.toString();
    }

    private static String record(Object o) {
        RecordComponent[] rc = o.getClass().getRecordComponents();
        StringBuilder sb = new StringBuilder(o.getClass().getSimpleName()).append('(');
        for (int i = 0; i < rc.length; i++) {
            Object v;
            try {
                v = rc[i].getAccessor().invoke(o);
            } catch (IllegalAccessException | InvocationTargetException e) {
                // a record we cannot open (not public): its own text is the best we have
                return o.toString();
            }
            sb.append(i == 0 ? "" : ", ").append(rc[i].getName()).append('=').append(canonical(v));
        }
        return sb.append(')').toString();
    }

    /** SHA-256 of a string's UTF-8 bytes, in hex. */
    public static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime has no SHA-256.", e);
        }
    }
}
