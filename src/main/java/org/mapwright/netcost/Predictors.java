package org.mapwright.netcost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mapwright.nn.ModelFolders;
import org.mapwright.nn.Regressor;

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

    /** A predictor saved by {@code bench cost-predictor --save-model DIR} (one model, or an ensemble's members). */
    public static LearnedCost load(Path dir) throws IOException {
        Path index = dir.resolve(LearnedCost.ENSEMBLE);
        if (!Files.isRegularFile(index)) {
            return new LearnedCost(Regressor.load(dir));
        }
        int n = members(Files.readString(index), index.toString());
        List<Regressor> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ms.add(Regressor.load(dir.resolve("member-" + i)));
        }
        return new LearnedCost(ms);
    }

    private static int members(String json, String where) throws IOException {
        int n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("members").asInt(0);
        if (n < 1) {
            throw new IOException(where + " does not name a positive number of members; save the predictor again.");
        }
        return n;
    }

    private static Optional<LearnedCost> find(String space) {
        String name = folder(space);
        try {
            ModelFolders.Place place = ModelFolders.locate(name, Regressor.CONFIG, LearnedCost.ENSEMBLE);
            if (place instanceof ModelFolders.OnDisk d) {
                Path p = d.dir();
                return Files.isRegularFile(p.resolve(Regressor.CONFIG)) || Files.isRegularFile(p.resolve(LearnedCost.ENSEMBLE))
                        ? Optional.of(load(p)) : Optional.empty();
            }
            return packaged(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The packaged predictor, copied out of the jar (one model, or an ensemble's index and members). */
    private static Optional<LearnedCost> packaged(String name) throws IOException {
        List<String> files = new ArrayList<>();
        Optional<java.io.InputStream> index = ModelFolders.open(name, LearnedCost.ENSEMBLE);
        if (index.isPresent()) {
            files.add(LearnedCost.ENSEMBLE);
            int n;
            try (java.io.InputStream in = index.get()) {
                n = members(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "/models/" + name);
            }
            for (int i = 0; i < n; i++) {
                files.add("member-" + i + "/" + Regressor.CONFIG);
                files.add("member-" + i + "/" + Regressor.PARAMS + "-0000.params");
            }
        } else {
            files.add(Regressor.CONFIG);
            files.add(Regressor.PARAMS + "-0000.params");
        }
        Optional<Path> copy = ModelFolders.copyOut(name, files);
        return copy.isPresent() ? Optional.of(load(copy.get())) : Optional.empty();
    }
}
