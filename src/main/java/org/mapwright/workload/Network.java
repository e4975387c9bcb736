package org.mapwright.workload;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An ordered list of layers; its cost is the sum of its layers' costs times their repeat counts. */
public record Network(String name, List<Layer> layers) {
    public Network {
        Objects.requireNonNull(name, "name");
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("Network " + name + " needs at least one layer.");
        }
        if (layers.stream().map(Layer::name).distinct().count() != layers.size()) {
            throw new IllegalArgumentException("Network " + name + " names a layer twice.");
        }
    }

    public Optional<Layer> layer(String layerName) {
        return layers.stream().filter(l -> l.name().equals(layerName)).findFirst();
    }

    /** Total MACs of one inference, repeats included. */
    public long macs() {
        long m = 0;
        for (Layer l : layers) {
            m += l.workload().macs() * l.repeat();
        }
        return m;
    }
}
