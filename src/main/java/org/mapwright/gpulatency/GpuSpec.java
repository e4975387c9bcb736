package org.mapwright.gpulatency;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Objects;

/**
 * A GPU's public spec-sheet numbers: what a latency predictor may know about hardware it has never measured.
 *
 * @param gpu                 the product's name
 * @param fp32Tflops          peak FP32 throughput at the boost clock (2 x CUDA cores x boost clock), TFLOPS
 * @param memoryBandwidthGBs  peak DRAM bandwidth, GB/s
 * @param sms                 streaming multiprocessors
 * @param boostClockMhz       boost clock, MHz
 * @param memoryGb            DRAM capacity, GB
 * @param source              where the numbers come from
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GpuSpec(String gpu, double fp32Tflops, double memoryBandwidthGBs, int sms, int boostClockMhz,
                      double memoryGb, String source) {
    /** How many numbers {@link #logParameters()} gives. */
    public static final int PARAMETERS = 5;

    public GpuSpec {
        Objects.requireNonNull(gpu, "gpu");
        Objects.requireNonNull(source, "source");
        if (!(fp32Tflops > 0) || !(memoryBandwidthGBs > 0) || sms < 1 || boostClockMhz < 1 || !(memoryGb > 0)) {
            throw new IllegalArgumentException("The spec of " + gpu + " needs positive throughput, bandwidth, "
                    + "SM count, clock and memory.");
        }
    }

    /** Natural logs of throughput, bandwidth, SM count, boost clock and memory, in that order. */
    public double[] logParameters() {
        return new double[] {Math.log(fp32Tflops), Math.log(memoryBandwidthGBs), Math.log(sms), Math.log(boostClockMhz),
                Math.log(memoryGb)};
    }
}
