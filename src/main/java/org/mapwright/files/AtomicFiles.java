package org.mapwright.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.mapwright.diag.InputException;
import org.mapwright.diag.SourceSpan;

/**
 * Writes result and checkpoint files atomically: a reader (or a run resumed after a kill) sees the old file or the
 * whole new one, never half of it.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void write(Path target, String text) {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, byte[] content) {
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

}
