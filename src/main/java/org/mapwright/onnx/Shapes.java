package org.mapwright.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Shape arithmetic shared by the operators: broadcasting, axes, reshaping, slicing. Shapes are {@code long[]}. */
final class Shapes {
    private Shapes() {
    }

    static String text(long[] s) {
        return Arrays.toString(s);
    }

    /** A partial shape, {@code ?} where a dimension is unknown ({@link Tensors#UNKNOWN}). */
    static String partialText(long[] s) {
        return Arrays.toString(s).replace(Long.toString(Tensors.UNKNOWN), "?");
    }

    /** {@code kernel} if every entry is at least 1, else an error naming the node. */
    static long[] kernel(long[] kernel, NodeRef ref) {
        if (Arrays.stream(kernel).anyMatch(k -> k < 1)) {
            throw OnnxError.at(ref, "its kernel shape " + text(kernel) + " has a size below 1; every kernel size must "
                    + "be at least 1.");
        }
        return kernel;
    }

    /** The product of {@code s[from..to)}, checked for overflow. */
    static long product(long[] s, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            p = Math.multiplyExact(p, s[i]);
        }
        return p;
    }

    /** {@code ax} as an index into {@code rank} axes (negative counts from the end), or an error naming the node. */
    static int axis(long ax, int rank, NodeRef ref) {
        long a = ax < 0 ? ax + rank : ax;
        if (a < 0 || a >= rank) {
            throw OnnxError.at(ref, "axis " + ax + " is out of range for a tensor of rank " + rank + ".");
        }
        return (int) a;
    }

    static long clamp(long v, long rank) {
        long x = v < 0 ? v + rank : v;
        return Math.max(0, Math.min(rank, x));
    }

    /** The numpy broadcast of {@code shapes}, or an error when two dimensions differ and neither is 1. */
    static long[] broadcast(List<long[]> shapes, NodeRef ref) {
        int rank = shapes.stream().mapToInt(s -> s.length).max().orElse(0);
        long[] o = new long[rank];
        Arrays.fill(o, 1);
        for (long[] s : shapes) {
            for (int i = 0; i < s.length; i++) {
                int j = rank - s.length + i;
                if (s[i] != 1 && o[j] != 1 && s[i] != o[j]) {
                    throw OnnxError.at(ref, "its inputs' shapes "
                            + String.join(" and ", shapes.stream().map(Shapes::text).toList())
                            + " do not broadcast together; the model is inconsistent.");
                }
                if (s[i] != 1) {
                    o[j] = s[i];
                }
            }
        }
        return o;
    }

    /** ONNX Reshape: 0 copies the input's dimension (unless {@code allowZero}), -1 takes what is left. */
    static long[] reshape(long[] x, long[] target, boolean allowZero, NodeRef ref) {
        long[] o = target.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < o.length; i++) {
            if (o[i] == 0 && !allowZero) {
                if (i >= x.length) {
                    throw OnnxError.at(ref, "its target shape " + text(target) + " copies dimension " + i
                            + " (a 0), which its input of shape " + text(x) + " does not have.");
                }
                o[i] = x[i];
            }
            if (o[i] == -1) {
                if (inferred >= 0) {
                    throw OnnxError.at(ref, "its target shape " + text(target) + " has more than one -1; give at "
                            + "most one.");
                }
                inferred = i;
            } else if (o[i] < 1) {
                throw OnnxError.at(ref, "its target shape " + text(target) + " has the dimension " + o[i]
                        + ", which Mapwright cannot size; give positive dimensions.");
            } else {
                known = Math.multiplyExact(known, o[i]);
            }
        }
        long total = product(x, 0, x.length);
        if (inferred >= 0) {
            o[inferred] = known == 0 ? 0 : total / known;
        }
        if (product(o, 0, o.length) != total || (inferred >= 0 && o[inferred] < 1)) {
            throw OnnxError.at(ref, "it reshapes " + text(x) + " (" + total + " elements) to " + text(target)
                    + ", which does not hold the same number of elements; the model is inconsistent.");
        }
        return o;
    }

    static long[] concat(List<long[]> shapes, long axisAttr, NodeRef ref) {
        long[] first = shapes.get(0);
        int axis = axis(axisAttr, first.length, ref);
        long[] o = first.clone();
        for (long[] s : shapes.subList(1, shapes.size())) {
            if (s.length != first.length) {
                throw OnnxError.at(ref, "it joins tensors of ranks " + first.length + " and " + s.length
                        + "; the model is inconsistent.");
            }
            for (int i = 0; i < s.length; i++) {
                if (i != axis && s[i] != first[i]) {
                    throw OnnxError.at(ref, "it joins " + text(first) + " and " + text(s) + " along axis " + axis
                            + ", but they differ on axis " + i + "; the model is inconsistent.");
                }
            }
            o[axis] += s[axis];
        }
        return o;
    }

    /** ONNX Slice on one axis of size {@code dim}: the first index, the step and the number of elements taken. */
    static long[] sliceRange(long dim, long start, long end, long step, NodeRef ref) {
        if (step == 0) {
            throw OnnxError.at(ref, "a slice step is 0; steps must not be 0.");
        }
        long s = start < 0 ? start + dim : start;
        long e = end < 0 && end > Long.MIN_VALUE / 2 ? end + dim : end;
        long count;
        if (step > 0) {
            s = Math.max(0, Math.min(dim, s));
            e = Math.max(0, Math.min(dim, e));
            count = e > s ? (e - s + step - 1) / step : 0;
        } else {
            s = Math.max(0, Math.min(dim - 1, s));
            e = Math.max(-1, Math.min(dim - 1, e));
            count = s > e ? (s - e + (-step) - 1) / (-step) : 0;
        }
        if (count < 1) {
            throw OnnxError.at(ref, "a slice takes no element of an axis of size " + dim + " (start " + start + ", end "
                    + end + ", step " + step + "); Mapwright needs every tensor to hold at least one element.");
        }
        return new long[] {s, step, count};
    }

    /** Integer {@code Add}, {@code Sub}, {@code Mul} or {@code Div} of two value lists (one may be a scalar). */
    static Optional<long[]> arithmetic(String op, long[] l, long[] r) {
        int len = Math.max(l.length, r.length);
        if ((l.length != len && l.length != 1) || (r.length != len && r.length != 1)) {
            return Optional.empty();
        }
        long[] v = new long[len];
        for (int i = 0; i < len; i++) {
            long x = l[l.length == 1 ? 0 : i];
            long y = r[r.length == 1 ? 0 : i];
            if (op.equals("Div") && y == 0) {
                return Optional.empty();
            }
            v[i] = switch (op) {
                case "Add" -> x + y;
                case "Sub" -> x - y;
                case "Mul" -> x * y;
                default -> x / y;
            };
        }
        return Optional.of(v);
    }
}
