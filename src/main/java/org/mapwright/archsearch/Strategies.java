package org.mapwright.archsearch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The architecture-search strategies on the class path, by name. */
public final class Strategies {
    private Strategies() {
    }

    /** The default strategy. */
    public static final String DEFAULT = "cmaes";

    /** Every strategy found through {@link ServiceLoader}, by name. */
    public static Map<String, StrategyProvider> all() {
        Map<String, StrategyProvider> m = new TreeMap<>();
        for (StrategyProvider p : ServiceLoader.load(StrategyProvider.class, Strategies.class.getClassLoader())) {
            m.put(p.name(), p);
        }
        return new LinkedHashMap<>(m);
    }

    /** The strategy called {@code name}; throws with the known names when there is none. */
    public static StrategyProvider byName(String name) {
        StrategyProvider p = all().get(name);
        if (p == null) {
            throw new IllegalArgumentException("Unknown search strategy '" + name + "'; known: "
                    + String.join(", ", all().keySet()) + ".");
        }
        return p;
    }
}
