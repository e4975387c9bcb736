package org.mapwright.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.mapwright.diag.InputException;
import org.mapwright.diag.SourceSpan;

/** Writes result files atomically: a reader sees the old file or the whole new one, never half of it. */
final class OutputFiles {
    private OutputFiles() {
    }

    static void writeAtomically(Path target, String text) {
        writeAtomically(target, text.getBytes(StandardCharsets.UTF_8));
    }

    static void writeAtomically(Path target, byte[] content) {
        Path abs = target.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
            Path tmp = temporary(abs);
            try {
                Files.write(tmp, content);
                try {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new InputException(SourceSpan.file(target.toString()), "Cannot write this file: " + e.getMessage()
                    + "; check that the directory is writable.");
        }
    }

    /**
     * A new temporary file beside {@code target}, readable by others as a file created the usual way is (the umask
     * applies): a plain temporary file would be private, and so would the result once moved into place.
     */
    private static Path temporary(Path target) throws IOException {
        String prefix = target.getFileName().toString();
        try {
            return Files.createTempFile(target.getParent(), prefix, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its defaults apply
            return Files.createTempFile(target.getParent(), prefix, ".tmp");
        }
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
