package org.mapwright.dsl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mapwright.arch.Architecture;
import org.mapwright.archspace.ArchSpace;
import org.mapwright.workload.Network;
import org.mapwright.workload.Workload;

/**
 * Everything a set of DSL files declares, checked and turned into IR, by name.
 *
 * @param templates    workload templates (einsums with parameters)
 * @param layers       top-level layers: template instances
 * @param networks     networks
 * @param accelerators accelerators
 * @param mappings     mappings, each resolved against its layer and accelerator
 * @param constraints  search-space constraints
 * @param spaces       architecture spaces, for an architecture search
 */
public record Library(Map<String, WorkloadTemplate> templates, Map<String, Workload> layers,
                      Map<String, Network> networks, Map<String, Architecture> accelerators,
                      Map<String, BoundMapping> mappings, Map<String, NamedConstraints> constraints,
                      Map<String, ArchSpace> spaces) {

    public Library {
        templates = freeze(templates);
        layers = freeze(layers);
        networks = freeze(networks);
        accelerators = freeze(accelerators);
        mappings = freeze(mappings);
        constraints = freeze(constraints);
        spaces = freeze(spaces);
    }

    private static <V> Map<String, V> freeze(Map<String, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    public static Library empty() {
        return new Library(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    }
}
