package org.mapwright.onnx;

/**
 * Output sizes of sliding windows (convolution and pooling), by ONNX's formula: on each spatial axis,
 * {@code out = floor((in + pad_begin + pad_end - ((kernel - 1) * dilation + 1)) / stride) + 1} (ceil in pooling's
 * {@code ceil_mode}, dropping a last window that would start in the end padding), with the pads of
 * {@code auto_pad = SAME_UPPER/SAME_LOWER} being those that make {@code out = ceil(in / stride)}, and none for
 * {@code VALID}. Mapwright does not model padding: the output size is what it keeps, and the input a layer reads
 * follows from it.
 */
final class Windows {
    private Windows() {
    }

    /** A window's parameters on each spatial axis. */
    record Window(long[] kernel, long[] strides, long[] dilations, long[] pads) {
    }

    /** The window of a Conv or pooling node with the given kernel; only Conv and MaxPool have dilations. */
    static Window window(Attrs a, long[] kernel, boolean dilated) {
        int axes = kernel.length;
        long[] strides = a.perAxis("strides", axes, 1);
        long[] dilations = new long[axes];
        java.util.Arrays.fill(dilations, 1);
        if (dilated) {
            dilations = a.perAxis("dilations", axes, 1);
        }
        long[] pads = a.ints("pads").orElse(new long[2 * axes]);
        return new Window(kernel, strides, dilations, pads);
    }

    /** The spatial output sizes of {@code w} over the spatial input sizes {@code in}. */
    static long[] output(long[] in, Window w, Attrs a, NodeRef ref, boolean ceilMode) {
        int axes = in.length;
        if (w.pads().length != 2 * axes) {
            throw OnnxError.at(ref, "attribute `pads` has " + w.pads().length + " values, but the node has " + axes
                    + " spatial axes; give a begin and an end pad per axis (" + 2 * axes + " values).");
        }
        String autoPad = a.s("auto_pad", "NOTSET");
        long[] out = new long[axes];
        for (int i = 0; i < axes; i++) {
            long span = Math.addExact(Math.multiplyExact(w.kernel()[i] - 1, w.dilations()[i]), 1);
            long s = w.strides()[i];
            long begin;
            long end;
            switch (autoPad) {
                case "NOTSET", "" -> {
                    begin = w.pads()[i];
                    end = w.pads()[i + axes];
                    if (begin < 0 || end < 0) {
                        throw OnnxError.at(ref, "attribute `pads` holds a negative pad; Mapwright reads only pads of "
                                + "0 or more.");
                    }
                }
                case "VALID" -> {
                    begin = 0;
                    end = 0;
                }
                case "SAME_UPPER", "SAME_LOWER" -> {
                    long outputs = -Math.floorDiv(-in[i], s);
                    long total = Math.max(0, Math.addExact(Math.multiplyExact(outputs - 1, s), span) - in[i]);
                    begin = autoPad.equals("SAME_UPPER") ? total / 2 : total - total / 2;
                    end = total - begin;
                }
                default -> throw OnnxError.at(ref, "attribute `auto_pad` is `" + autoPad + "`, which is not one of "
                        + "NOTSET, SAME_UPPER, SAME_LOWER and VALID.");
            }
            long room = Math.subtractExact(Math.addExact(Math.addExact(in[i], begin), end), span);
            long o = (ceilMode ? -Math.floorDiv(-room, s) : Math.floorDiv(room, s)) + 1;
            if (ceilMode && (o - 1) * s >= in[i] + begin) {
                o--;
            }
            if (o < 1) {
                throw OnnxError.at(ref, "its window (" + span + " wide with dilation) does not fit spatial axis " + i
                        + " of size " + in[i] + " with pads " + begin + " and " + end + ", so the output would be "
                        + "empty; check the input's shape (a symbolic size taken as 1 may be the cause).");
            }
            out[i] = o;
        }
        return out;
    }

    /** The output shape of a MaxPool, AveragePool or LpPool node on input {@code x}. */
    static long[] poolOutput(long[] x, Attrs a, NodeRef ref, boolean dilated) {
        if (x.length < 3) {
            throw OnnxError.at(ref, "its input has shape " + Shapes.text(x) + ", but pooling needs a batch, a channel "
                    + "and at least one spatial axis.");
        }
        long[] kernel = Shapes.kernel(a.ints("kernel_shape").orElseThrow(() -> OnnxError.at(ref, "it has no "
                + "`kernel_shape` attribute, which pooling requires; the model is malformed.")), ref);
        if (kernel.length != x.length - 2) {
            throw OnnxError.at(ref, "attribute `kernel_shape` has " + kernel.length + " values for an input with "
                    + (x.length - 2) + " spatial axes.");
        }
        long[] spatial = java.util.Arrays.copyOfRange(x, 2, x.length);
        long[] out = output(spatial, window(a, kernel, dilated), a, ref, a.i("ceil_mode", 0) != 0);
        long[] o = new long[x.length];
        o[0] = x[0];
        o[1] = x[1];
        System.arraycopy(out, 0, o, 2, out.length);
        return o;
    }
}
