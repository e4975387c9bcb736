package org.mapwright.search;

import java.util.Optional;
import org.mapwright.mapspace.Mapspace;

/**
 * Makes mappers of one kind; found through {@link java.util.ServiceLoader}, so new mappers plug in by listing their
 * provider in {@code META-INF/services/org.mapwright.search.MapperProvider}.
 */
public interface MapperProvider {

    /** The name users give, such as {@code anneal}. */
    String name();

    /** One line for {@code --help} and errors. */
    String description();

    /** A fresh mapper for one thread. */
    Mapper create();

    /**
     * Why this mapper cannot search a space (such as a learned mapper without a model for the accelerator), or
     * empty when it can. Callers check it before a search so that users get a clear error instead of a failure
     * inside the search threads.
     */
    default Optional<String> unsupported(Mapspace space) {
        return Optional.empty();
    }
}
