package org.mapwright.surrogate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mapwright.arch.Architecture;
import org.mapwright.nn.ModelFolders;

/**
 * Where trained models are found, per family: the folder {@code <dir>/<family>} of the directory named by the
 * system property {@value #PROPERTY} or the environment variable {@value #ENV} when set; else {@code
 * models/<family>} under the working directory when it exists (a checkout); else the copy packaged in the jar. A
 * model is loaded once per JVM.
 */
public final class Models {
    public static final String PROPERTY = ModelFolders.PROPERTY;
    public static final String ENV = ModelFolders.ENV;
    private static final Map<String, Optional<SurrogateModel>> LOADED = new ConcurrentHashMap<>();

    private Models() {
    }

    /** The model for an accelerator's family, if the family has one. */
    public static Optional<SurrogateModel> forArchitecture(Architecture a) {
        return Family.of(a).flatMap(f -> forFamily(f.name()));
    }

    /** The model of a family, if one is installed. */
    public static Optional<SurrogateModel> forFamily(String family) {
        ModelFolders.Place place = ModelFolders.locate(family, SurrogateModel.CONFIG_FILE);
        String where = place instanceof ModelFolders.OnDisk d ? d.dir().toAbsolutePath().toString() : "jar:" + family;
        return LOADED.computeIfAbsent(where, w -> find(place, family));
    }

    private static Optional<SurrogateModel> find(ModelFolders.Place place, String family) {
        try {
            if (place instanceof ModelFolders.OnDisk d) {
                return Files.isDirectory(d.dir()) ? Optional.of(SurrogateModel.load(d.dir())) : Optional.empty();
            }
            Optional<Path> copy = ModelFolders.copyOut(family,
                    List.of(SurrogateModel.CONFIG_FILE, SurrogateModel.PARAMS_NAME + "-0000.params"));
            return copy.isPresent() ? Optional.of(SurrogateModel.load(copy.get())) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
