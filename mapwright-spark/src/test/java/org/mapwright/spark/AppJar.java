package org.mapwright.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Packs the classes directory a class was loaded from into a jar, so that a test driver can ship its own classes
 * (lambdas included) to executors through {@code spark.jars}, as an application does on a real cluster.
 */
public final class AppJar {
    private AppJar() {
    }

    /** Writes the jar of {@code anchor}'s classes directory to {@code jar} and returns {@code jar}. */
    public static Path of(Class<?> anchor, Path jar) {
        Path classes = classesDirectory(anchor);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> walk = Files.walk(classes)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
            for (Path f : files) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not pack " + classes + " into " + jar
                    + "; check that both are readable and writable.", e);
        }
        return jar;
    }

    private static Path classesDirectory(Class<?> anchor) {
        try {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isDirectory(location)) {
                throw new IllegalArgumentException(anchor.getName() + " was loaded from " + location
                        + ", not from a classes directory; ship that jar through spark.jars as it is.");
            }
            return location;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The code source of " + anchor.getName()
                    + " is not a file path; ship its classes through spark.jars by hand.", e);
        }
    }
}
