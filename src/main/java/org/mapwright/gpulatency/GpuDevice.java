package org.mapwright.gpulatency;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Objects;

/**
 * One measured device of the HELP data: a GPU run at one batch size (a latency column such as {@code 2080ti_32}).
 *
 * @param name  the data's column name
 * @param gpu   the GPU's spec-sheet numbers
 * @param batch images per inference
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GpuDevice(String name, GpuSpec gpu, int batch) {
    /** How many numbers {@link #parameters()} gives: the GPU's and the batch size. */
    public static final int PARAMETERS = GpuSpec.PARAMETERS + 1;

    public GpuDevice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(gpu, "gpu");
        if (batch < 1) {
            throw new IllegalArgumentException("Device " + name + " needs a batch size of at least 1, got " + batch
                    + ".");
        }
    }

    /** The predictor's view of the device: {@link GpuSpec#logParameters()} and the log of the batch size. */
    public double[] parameters() {
        double[] g = gpu.logParameters();
        double[] p = java.util.Arrays.copyOf(g, PARAMETERS);
        p[GpuSpec.PARAMETERS] = Math.log(batch);
        return p;
    }
}
