package org.mapwright.search;

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
}
