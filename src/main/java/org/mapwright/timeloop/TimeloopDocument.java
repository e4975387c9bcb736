package org.mapwright.timeloop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mapwright.diag.InputException;

/**
 * One Timeloop YAML file and the top-level sections it holds. A file may hold any number of sections (Timeloop
 * merges all its inputs), so a single file can carry a whole problem, architecture, ERT and mapping.
 */
public final class TimeloopDocument {

    /** The top-level sections Timeloop knows. Only some are read; the others are recognised and left alone. */
    public enum Section {
        PROBLEM("problem", true),
        ARCHITECTURE("architecture", true),
        ERT("ERT", true),
        MAPPING("mapping", true),
        MAPPER("mapper", false),
        MAPSPACE("mapspace", true),
        MAPSPACE_CONSTRAINTS("mapspace_constraints", true),
        ARCHITECTURE_CONSTRAINTS("architecture_constraints", true),
        CONSTRAINTS("constraints", true);

        private final String key;
        private final boolean interpreted;

        Section(String key, boolean interpreted) {
            this.key = key;
            this.interpreted = interpreted;
        }

        /** The top-level key, spelled as Timeloop spells it. */
        public String key() {
            return key;
        }

        /** Whether Mapwright reads this section (the others are only recognised). */
        public boolean interpreted() {
            return interpreted;
        }

        /**
         * Whether the section holds mapping constraints ({@code architecture_constraints}, {@code constraints},
         * {@code mapspace_constraints} or {@code mapspace}). Unlike the other sections, these may appear in several
         * files: their constraints combine.
         */
        public boolean holdsConstraints() {
            return this == MAPSPACE || this == MAPSPACE_CONSTRAINTS || this == ARCHITECTURE_CONSTRAINTS
                    || this == CONSTRAINTS;
        }

        public static Optional<Section> forKey(String key) {
            for (Section s : values()) {
                if (s.key.equals(key)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    private final String file;
    private final YamlMap root;
    private final Map<Section, YamlMap.Entry> sections;
    private final List<String> otherKeys;

    private TimeloopDocument(String file, YamlMap root) {
        this.file = file;
        this.root = root;
        Map<Section, YamlMap.Entry> s = new EnumMap<>(Section.class);
        List<String> others = new ArrayList<>();
        for (YamlMap.Entry e : root.entries()) {
            Optional<Section> sec = Section.forKey(e.name());
            if (sec.isPresent()) {
                s.put(sec.get(), e);
            } else {
                others.add(e.name());
            }
        }
        this.sections = Collections.unmodifiableMap(s);
        this.otherKeys = List.copyOf(others);
    }

    /**
     * Reads and parses a file.
     *
     * @throws InputException if it cannot be read, is not valid YAML, or its top level is not a mapping
     */
    public static TimeloopDocument read(Path path) {
        return of(path.toString(), YamlReader.read(path));
    }

    /** Parses {@code text}, naming it {@code file} in diagnostics. */
    public static TimeloopDocument parse(String file, String text) {
        return of(file, YamlReader.parse(file, text));
    }

    private static TimeloopDocument of(String file, YamlNode root) {
        if (!(root instanceof YamlMap)) {
            throw new InputException(root.span(), "The top level of a Timeloop file must be a mapping of sections such "
                    + "as 'problem:', 'architecture:', 'ERT:' or 'mapping:', but it is " + root.describe() + ".");
        }
        return new TimeloopDocument(file, (YamlMap) root);
    }

    /** The file name as given. */
    public String file() {
        return file;
    }

    /** The file name without directories and extension, used to name workloads and accelerators. */
    public String baseName() {
        String n = Path.of(file).getFileName() == null ? file : Path.of(file).getFileName().toString();
        for (String ext : List.of(".yaml", ".yml")) {
            if (n.endsWith(ext)) {
                return n.substring(0, n.length() - ext.length());
            }
        }
        return n;
    }

    public YamlMap root() {
        return root;
    }

    /** The known sections this file holds, in {@link Section} order. */
    public Set<Section> sections() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(sections.keySet()));
    }

    public boolean has(Section s) {
        return sections.containsKey(s);
    }

    /** The section's entry (key and value, with positions), if this file holds it. */
    public Optional<YamlMap.Entry> section(Section s) {
        return Optional.ofNullable(sections.get(s));
    }

    /** Top-level keys that are not Timeloop sections, in file order (ignored, as Timeloop ignores them). */
    public List<String> otherKeys() {
        return otherKeys;
    }

    @Override
    public String toString() {
        return file + " " + sections.keySet();
    }
}
