package org.mapwright.netcost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mapwright.nn.Regressor;
import org.mapwright.surrogate.Models;

/**
 * Where trained cost predictors are found: the folder {@code cost_<space>} of the directory named by the system
 * property {@code mapwright.models} (or {@code MAPWRIGHT_MODELS}); else {@code models/cost_<space>} under the working
 * directory (a checkout); else the copy in the jar. Each predictor is loaded once per JVM.
 */
public final class Predictors {
    private static final Map<String, Optional<LearnedCost>> LOADED = new ConcurrentHashMap<>();

    private Predictors() {
    }

    /** The folder name of the predictor trained on accelerators of {@code space}. */
    public static String folder(String space) {
        return "cost_" + space;
    }

    /** The shipped (or installed) predictor for an architecture space, if there is one. */
    public static Optional<LearnedCost> forSpace(String space) {
        return LOADED.computeIfAbsent(space, Predictors::find);
    }

    /** A predictor saved by {@code bench cost-predictor --save-model DIR}. */
    public static LearnedCost load(Path dir) throws IOException {
        return new LearnedCost(Regressor.load(dir));
    }

    private static Optional<LearnedCost> find(String space) {
        String name = folder(space);
        try {
            String dir = System.getProperty(Models.PROPERTY, System.getenv(Models.ENV));
            Path local = Path.of("models", name);
            if (dir != null) {
                Path p = Path.of(dir).resolve(name);
                return Files.isRegularFile(p.resolve(Regressor.CONFIG)) ? Optional.of(load(p)) : Optional.empty();
            }
            if (Files.isRegularFile(local.resolve(Regressor.CONFIG))) {
                return Optional.of(load(local));
            }
            return packaged(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the packaged predictor out of the class path into a temporary folder (DJL loads from files). */
    private static Optional<LearnedCost> packaged(String name) throws IOException {
        Path tmp = null;
        for (String f : new String[] {Regressor.CONFIG, Regressor.PARAMS + "-0000.params"}) {
            try (InputStream in = Predictors.class.getResourceAsStream("/models/" + name + "/" + f)) {
                if (in == null) {
                    return Optional.empty();
                }
                if (tmp == null) {
                    tmp = Files.createTempDirectory("mapwright-" + name);
                    tmp.toFile().deleteOnExit();
                }
                Path out = tmp.resolve(f);
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                out.toFile().deleteOnExit();
            }
        }
        return Optional.of(load(tmp));
    }
}
