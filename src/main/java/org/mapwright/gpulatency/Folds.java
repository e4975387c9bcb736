package org.mapwright.gpulatency;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the devices are split into training and held-out ones. The paper's GPU setting (Syed and Srinivasan 2021)
 * trains on some GPUs and tests on unseen ones: {@link #leaveOneGpuOut} holds out one GPU with all its batch sizes;
 * {@link #leaveOneDeviceOut} holds out a single (GPU, batch size) device, so the same GPU at other batch sizes is
 * seen in training (a weaker test, reported to show how much that helps).
 */
public final class Folds {
    private Folds() {
    }

    /**
     * One split.
     *
     * @param name    what is held out
     * @param heldOut the devices tested on, never trained on
     * @param train   the devices trained on
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Fold(String name, List<GpuDevice> heldOut, List<GpuDevice> train) {
        public Fold {
            Objects.requireNonNull(name, "name");
            heldOut = List.copyOf(heldOut);
            train = List.copyOf(train);
            for (GpuDevice d : heldOut) {
                if (train.contains(d)) {
                    throw new IllegalArgumentException("Device " + d.name() + " is both held out and trained on.");
                }
            }
        }
    }

    /** One fold per GPU: its devices (every batch size) held out, every other GPU's trained on. */
    public static List<Fold> leaveOneGpuOut(List<GpuDevice> devices) {
        List<Fold> folds = new ArrayList<>();
        for (GpuSpec g : devices.stream().map(GpuDevice::gpu).distinct().toList()) {
            folds.add(new Fold(g.gpu(), devices.stream().filter(d -> d.gpu().equals(g)).toList(),
                    devices.stream().filter(d -> !d.gpu().equals(g)).toList()));
        }
        return folds;
    }

    /** One fold per device: it alone held out, every other one (the same GPU at other batch sizes too) trained on. */
    public static List<Fold> leaveOneDeviceOut(List<GpuDevice> devices) {
        List<Fold> folds = new ArrayList<>();
        for (GpuDevice d : devices) {
            folds.add(new Fold(d.name(), List.of(d), devices.stream().filter(o -> !o.equals(d)).toList()));
        }
        return folds;
    }
}
