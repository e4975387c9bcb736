package org.mapwright.search;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The mappers on the class path, by name. */
public final class Mappers {
    private Mappers() {
    }

    /** All providers, sorted by name. */
    public static Map<String, MapperProvider> all() {
        Map<String, MapperProvider> out = new TreeMap<>();
        for (MapperProvider p : ServiceLoader.load(MapperProvider.class, Mappers.class.getClassLoader())) {
            out.put(p.name(), p);
        }
        return out;
    }

    /** The provider called {@code name}; an unknown name lists the known ones. */
    public static MapperProvider byName(String name) {
        Map<String, MapperProvider> all = all();
        MapperProvider p = all.get(name);
        if (p == null) {
            throw new IllegalArgumentException("Unknown mapper `" + name + "`; the mappers are " + String.join(", ", all.keySet()) + ".");
        }
        return p;
    }
}
