package org.mapwright.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.mapwright.diag.InputException;
import org.mapwright.diag.SourceSpan;

/** Telling DSL files from Timeloop YAML files by their content, and hashing inputs for provenance. */
final class InputFiles {
    private InputFiles() {
    }

    /** The two input languages. */
    enum Kind { DSL, YAML }

    private static final Pattern YAML_KEY = Pattern.compile("^(---|[A-Za-z_][A-Za-z0-9_-]*\\s*:(\\s|$))");
    private static final Pattern DSL_START = Pattern.compile("^(include|workload|layer|network|accelerator|mapping)\\b");

    /**
     * YAML when the first line that is not blank or a comment is a {@code key:} or {@code ---}; DSL when it starts
     * with a DSL keyword; otherwise the extension decides ({@code .yaml}/{@code .yml} or {@code .mw}).
     */
    static Kind classify(Path p) {
        String text = read(p);
        for (String line : text.split("\n", 200)) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith("//")) {
                continue;
            }
            if (DSL_START.matcher(s).find() && !s.matches("^[A-Za-z_]+\\s*:.*")) {
                return Kind.DSL;
            }
            if (YAML_KEY.matcher(s).find()) {
                return Kind.YAML;
            }
            break;
        }
        String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return Kind.YAML;
        }
        if (name.endsWith(".mw")) {
            return Kind.DSL;
        }
        throw new InputException(SourceSpan.file(p.toString()), "Cannot tell whether this is a Mapwright DSL file or a "
                + "Timeloop YAML file; DSL files start with a declaration such as `accelerator` or `network`, YAML files "
                + "with a key such as `problem:`.");
    }

    static String read(Path p) {
        if (Files.isDirectory(p)) {
            throw new InputException(SourceSpan.file(p.toString()), "This is a directory; give the files inside it.");
        }
        try {
            byte[] bytes = Files.readAllBytes(p);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(SourceSpan.file(p.toString()), "Cannot read this file: "
                    + (Files.exists(p) ? e.getMessage() : "no such file") + ".");
        }
    }

    /** SHA-256 of a file's bytes, for provenance. */
    static String sha256(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unreadable";
        }
    }
}
