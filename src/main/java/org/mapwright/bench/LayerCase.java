package org.mapwright.bench;

import java.util.List;
import java.util.Objects;
import org.mapwright.mapspace.Mapspace;

/**
 * One layer a benchmark searches.
 *
 * @param name   the layer's name
 * @param index  its place in the whole network, from 0; its seeds derive from it, so a benchmark of some layers
 *               searches each exactly as a benchmark of the whole network does
 * @param space  its mapspace (workload, accelerator and constraints)
 * @param sameAs the later layers of the network with the same workload, which are not searched again
 */
public record LayerCase(String name, int index, Mapspace space, List<String> sameAs) {
    public LayerCase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(space, "space");
        sameAs = List.copyOf(sameAs);
        if (index < 0) {
            throw new IllegalArgumentException("A layer's place in the network counts from 0, got " + index + ".");
        }
    }
}
