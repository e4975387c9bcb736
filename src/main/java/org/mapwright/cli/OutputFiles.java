package org.mapwright.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mapwright.files.AtomicFiles;

/** Writes result files atomically: a reader sees the old file or the whole new one, never half of it. */
final class OutputFiles {
    private OutputFiles() {
    }

    static void writeAtomically(Path target, String text) {
        AtomicFiles.write(target, text);
    }

    static void writeAtomically(Path target, byte[] content) {
        AtomicFiles.write(target, content);
    }

    /**
     * Creates the output directory {@code dir} (and its parents) if needed and checks that it can be written.
     *
     * @param option the option that named it, where an error is reported
     */
    static void directory(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw MapInputs.badInput(option, dir + " is a file, not a directory; give a directory for the results.");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way"
                    : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : "the file system refused";
            throw MapInputs.badInput(option, "Cannot create the output directory " + dir + ": " + why
                    + "; give a directory you can write to.");
        }
        if (!Files.isWritable(dir)) {
            throw MapInputs.badInput(option, "Cannot write to " + dir + "; give a directory you can write to.");
        }
    }
}
