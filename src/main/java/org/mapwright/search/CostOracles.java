package org.mapwright.search;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The cost oracles on the class path, by name. */
public final class CostOracles {
    /** The oracle a search uses when none is named: the analytical model. */
    public static final String DEFAULT = AnalyticalOracle.NAME;

    private CostOracles() {
    }

    /** All providers, sorted by name. */
    public static Map<String, CostOracleProvider> all() {
        Map<String, CostOracleProvider> out = new TreeMap<>();
        for (CostOracleProvider p : ServiceLoader.load(CostOracleProvider.class, CostOracles.class.getClassLoader())) {
            out.put(p.name(), p);
        }
        return out;
    }

    /** The provider called {@code name}; an unknown name lists the known ones. */
    public static CostOracleProvider byName(String name) {
        Map<String, CostOracleProvider> all = all();
        CostOracleProvider p = all.get(name);
        if (p == null) {
            throw new IllegalArgumentException("Unknown cost oracle `" + name + "`; the oracles are "
                    + String.join(", ", all.keySet()) + ".");
        }
        return p;
    }

    /** The default oracle, the analytical model. */
    public static CostOracleProvider analytical() {
        return AnalyticalOracle.PROVIDER;
    }
}
