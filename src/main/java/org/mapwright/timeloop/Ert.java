package org.mapwright.timeloop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mapwright.diag.SourceSpan;

/**
 * An energy reference table (ERT): per component, the energy of each action in pJ. Components are keyed by the
 * last segment of their hierarchical name with instance ranges removed ({@code system.PE[0..167].mac} is
 * {@code mac}). Where an action has several argument variants, the table holds their maximum, as Timeloop does.
 */
public record Ert(Map<String, List<Component>> components) {

    /**
     * One table of the ERT.
     *
     * @param name     the component's short name
     * @param fullName the table's name as written
     * @param span     where the table's name is
     * @param actions  action name to energy in pJ (maximum over argument variants), in file order
     */
    public record Component(String name, String fullName, SourceSpan span, Map<String, Double> actions) {
        public Component {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(fullName, "fullName");
            Objects.requireNonNull(span, "span");
            actions = Collections.unmodifiableMap(new LinkedHashMap<>(actions));
        }

        /** Energy of a storage read: {@code read}, else {@code access}. */
        public Optional<Double> readEnergy() {
            return first("read", "access");
        }

        /** Energy of a storage write (fills and updates): {@code write}, else {@code update}, {@code fill}, {@code access}. */
        public Optional<Double> writeEnergy() {
            return first("write", "update", "fill", "access");
        }

        /**
         * Energy of one MAC: {@code mac_random}, else the largest action whose name starts with {@code mac}, else
         * {@code compute}.
         */
        public Optional<Double> macEnergy() {
            Optional<Double> random = first("mac_random");
            if (random.isPresent()) {
                return random;
            }
            Double best = null;
            for (Map.Entry<String, Double> e : actions.entrySet()) {
                if (e.getKey().startsWith("mac") && (best == null || e.getValue() > best)) {
                    best = e.getValue();
                }
            }
            return best != null ? Optional.of(best) : first("compute");
        }

        private Optional<Double> first(String... names) {
            for (String n : names) {
                Double v = actions.get(n);
                if (v != null) {
                    return Optional.of(v);
                }
            }
            return Optional.empty();
        }
    }

    public Ert {
        Map<String, List<Component>> copy = new LinkedHashMap<>();
        components.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        components = Collections.unmodifiableMap(copy);
    }

    /** Builds a table from components in file order. */
    public static Ert of(List<Component> list) {
        Map<String, List<Component>> m = new LinkedHashMap<>();
        for (Component c : list) {
            m.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c);
        }
        return new Ert(m);
    }

    /** The tables whose short name is {@code name}: none, one, or (ambiguously) several. */
    public List<Component> lookup(String name) {
        return components.getOrDefault(name, List.of());
    }

    /** The short name of a hierarchical component name: ranges removed, then the last dotted segment. */
    public static String shortName(String fullName) {
        String stripped = fullName.replaceAll("\\[[^\\]]*\\]", "").trim();
        int dot = stripped.lastIndexOf('.');
        return dot < 0 ? stripped : stripped.substring(dot + 1);
    }
}
