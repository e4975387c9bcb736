package org.mapwright.gpulatency;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The GPUs of HELP's OFA-MobileNetV3 latency data (Lee et al., NeurIPS 2021) with their public spec-sheet numbers,
 * and the 12 devices (GPU x batch size 1, 32, 64) measured on them.
 *
 * <p>Sources, one per GPU (peak FP32 = 2 x CUDA cores x boost clock, as NVIDIA states it):
 * <ul>
 *   <li>GeForce RTX 2080 Ti: NVIDIA Turing GPU Architecture whitepaper (2018), the reference-board column of its
 *       GeForce RTX 2080 Ti table: 68 SMs (4,352 CUDA cores), boost 1,545 MHz, 13.4 TFLOPS, 11 GB GDDR6 at
 *       616 GB/s. The Founders Edition runs at 1,635 MHz (14.2 TFLOPS); which board HELP used is not recorded.</li>
 *   <li>TITAN RTX: nvidia.com TITAN RTX product page: 72 SMs (4,608 CUDA cores), boost 1,770 MHz, 16.3 TFLOPS,
 *       24 GB GDDR6 at 672 GB/s.</li>
 *   <li>TITAN Xp: nvidia.com TITAN Xp product page: 30 SMs (3,840 CUDA cores), boost 1,582 MHz, 12.1 TFLOPS,
 *       12 GB GDDR5X at 547.7 GB/s.</li>
 *   <li>Tesla V100: NVIDIA Tesla V100 datasheet and the Volta (GV100) whitepaper: 80 SMs (5,120 CUDA cores). HELP's
 *       paper and code name the device only "v100"; the SXM2 16 GB board is assumed here (boost 1,530 MHz,
 *       15.7 TFLOPS, 900 GB/s). The PCIe board would read 1,380 MHz and 14 TFLOPS with the same bandwidth.</li>
 * </ul>
 */
public final class GpuDevices {
    public static final GpuSpec RTX_2080_TI = new GpuSpec("GeForce RTX 2080 Ti", 13.45, 616, 68, 1545, 11,
            "NVIDIA Turing GPU Architecture whitepaper (2018), reference board");
    public static final GpuSpec TITAN_RTX = new GpuSpec("TITAN RTX", 16.31, 672, 72, 1770, 24,
            "nvidia.com TITAN RTX product page");
    public static final GpuSpec TITAN_XP = new GpuSpec("TITAN Xp", 12.15, 547.7, 30, 1582, 12,
            "nvidia.com TITAN Xp product page");
    public static final GpuSpec V100 = new GpuSpec("Tesla V100 (SXM2 16 GB, assumed)", 15.67, 900, 80, 1530, 16,
            "NVIDIA Tesla V100 datasheet and Volta whitepaper; board variant assumed (HELP does not say)");

    /** The batch sizes HELP measured each GPU at. */
    public static final List<Integer> BATCHES = List.of(1, 32, 64);

    private static final List<String> PREFIXES = List.of("2080ti", "titan_rtx", "titan_xp", "v100");
    private static final List<GpuSpec> GPUS = List.of(RTX_2080_TI, TITAN_RTX, TITAN_XP, V100);
    private static final List<GpuDevice> ALL;

    static {
        List<GpuDevice> all = new ArrayList<>();
        for (int g = 0; g < GPUS.size(); g++) {
            for (int b : BATCHES) {
                all.add(new GpuDevice(PREFIXES.get(g) + "_" + b, GPUS.get(g), b));
            }
        }
        ALL = Collections.unmodifiableList(all);
    }

    private GpuDevices() {
    }

    /** The four GPUs, in the data's column order. */
    public static List<GpuSpec> gpus() {
        return GPUS;
    }

    /** The 12 devices, in the data's column order (GPU by GPU, batch sizes ascending). */
    public static List<GpuDevice> all() {
        return ALL;
    }

    /** The devices of one GPU. */
    public static List<GpuDevice> of(GpuSpec gpu) {
        return ALL.stream().filter(d -> d.gpu().equals(gpu)).collect(Collectors.toUnmodifiableList());
    }

    /** The device of a data column, e.g. {@code titan_rtx_32}. */
    public static GpuDevice named(String column) {
        for (GpuDevice d : ALL) {
            if (d.name().equals(column)) {
                return d;
            }
        }
        throw new IllegalArgumentException("There is no GPU device named '" + column + "'; the known ones are "
                + ALL.stream().map(GpuDevice::name).collect(Collectors.joining(", ")) + ".");
    }
}
