package org.mapwright.exec;

/** An engine option the engine cannot use, with the option's name ({@code --master}, {@code --engine-conf}). */
public final class EngineOptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String option;

    public EngineOptionException(String option, String message) {
        super(message);
        this.option = option;
    }

    /** The command-line option at fault. */
    public String option() {
        return option;
    }
}
