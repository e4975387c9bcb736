package org.mapwright.exec;

/**
 * An engine that a jar on the class path provides (a service: list the class in
 * {@code META-INF/services/org.mapwright.exec.EngineProvider}), chosen by name with {@code --engine}.
 */
public interface EngineProvider {

    /** The name given to {@code --engine}. */
    String name();

    /** Opens the engine; a bad option is an {@link IllegalArgumentException} that says what to give instead. */
    Engine open(EngineOptions options);
}
