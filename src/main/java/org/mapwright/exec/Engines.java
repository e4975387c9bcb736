package org.mapwright.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The engines this process can open: {@value #LOCAL} and every {@link EngineProvider} on the class path. */
public final class Engines {
    /** The in-process engine's name. */
    public static final String LOCAL = "local";

    private Engines() {
    }

    /** The names of the engines available, local first. */
    public static List<String> names() {
        List<String> out = new ArrayList<>(List.of(LOCAL));
        for (EngineProvider p : ServiceLoader.load(EngineProvider.class, Engines.class.getClassLoader())) {
            out.add(p.name());
        }
        return out;
    }

    /**
     * Opens the engine named {@code name}. An unknown name is an {@link IllegalArgumentException} that lists the
     * engines there are, and says where the Spark engine lives when it is asked for and absent.
     */
    public static Engine open(String name, EngineOptions options) {
        if (name.equals(LOCAL)) {
            if (options.master().isPresent()) {
                throw new EngineOptionException("--master", "The local engine runs in this process and takes no master; give "
                        + "--engine spark with --master.");
            }
            return new LocalEngine(options.threads());
        }
        for (EngineProvider p : ServiceLoader.load(EngineProvider.class, Engines.class.getClassLoader())) {
            if (p.name().equals(name)) {
                return p.open(options);
            }
        }
        String hint = name.equals("spark") ? " The Spark engine is in the mapwright-spark module: run "
                + "`java -jar mapwright-spark/target/mapwright-spark.jar` with the same command." : "";
        throw new IllegalArgumentException("There is no engine `" + name + "` here; the engines are "
                + String.join(", ", names()) + "." + hint);
    }
}
