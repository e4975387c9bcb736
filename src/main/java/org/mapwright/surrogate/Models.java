package org.mapwright.surrogate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mapwright.arch.Architecture;

/**
 * Where trained models are found, per family: the folder {@code <dir>/<family>} of the directory named by the
 * system property {@value #PROPERTY} or the environment variable {@value #ENV} when set; else {@code
 * models/<family>} under the working directory when it exists (a checkout); else the copy packaged in the jar. A
 * model is loaded once per JVM.
 */
public final class Models {
    public static final String PROPERTY = "mapwright.models";
    public static final String ENV = "MAPWRIGHT_MODELS";
    private static final Map<String, Optional<SurrogateModel>> LOADED = new ConcurrentHashMap<>();

    private Models() {
    }

    /** The model for an accelerator's family, if the family has one. */
    public static Optional<SurrogateModel> forArchitecture(Architecture a) {
        return Family.of(a).flatMap(f -> forFamily(f.name()));
    }

    /** The model of a family, if one is installed. */
    public static Optional<SurrogateModel> forFamily(String family) {
        String dir = System.getProperty(PROPERTY, System.getenv(ENV));
        Path local = Path.of("models", family);
        String where = dir != null ? Path.of(dir).resolve(family).toAbsolutePath().toString()
                : Files.isRegularFile(local.resolve(SurrogateModel.CONFIG_FILE)) ? local.toAbsolutePath().toString()
                : "classpath:" + family;
        return LOADED.computeIfAbsent(where, w -> find(w, family));
    }

    private static Optional<SurrogateModel> find(String where, String family) {
        try {
            if (where.startsWith("classpath:")) {
                return packaged(family);
            }
            Path p = Path.of(where);
            return Files.isDirectory(p) ? Optional.of(SurrogateModel.load(p)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the packaged model out of the class path into a temporary folder (DJL loads from files). */
    private static Optional<SurrogateModel> packaged(String family) throws IOException {
        String base = "/models/" + family + "/";
        String[] files = {SurrogateModel.CONFIG_FILE, SurrogateModel.PARAMS_NAME + "-0000.params"};
        Path tmp = null;
        for (String f : files) {
            try (InputStream in = Models.class.getResourceAsStream(base + f)) {
                if (in == null) {
                    return Optional.empty();
                }
                if (tmp == null) {
                    tmp = Files.createTempDirectory("mapwright-model-" + family);
                    tmp.toFile().deleteOnExit();
                }
                Path out = tmp.resolve(f);
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                out.toFile().deleteOnExit();
            }
        }
        return Optional.of(SurrogateModel.load(tmp));
    }
}
