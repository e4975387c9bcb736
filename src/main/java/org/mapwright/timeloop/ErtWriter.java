package org.mapwright.timeloop;

import java.util.List;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.StorageLevel;

/**
 * Writes the energies of an {@link Architecture} as a Timeloop energy reference table (Accelergy's ERT v0.3 format):
 * one table per storage level with {@code read} and {@code write} (Timeloop charges fills and updates as writes), and
 * one for the compute unit with {@code mac_random}, each named by the element's path in the architecture that
 * {@link ArchitectureWriter} writes. Energies are pJ per vector access (one block), as in the IR, written in full
 * precision; {@link ErtReader} reads them back as the same doubles.
 */
public final class ErtWriter {
    private ErtWriter() {
    }

    /**
     * The energies as YAML text with a top-level {@code ERT:} key.
     *
     * @throws IllegalArgumentException for a name {@link ArchitectureWriter} cannot write
     */
    public static String write(Architecture a) {
        List<String> paths = ArchitectureWriter.paths(a);
        StringBuilder sb = new StringBuilder("ERT:\n  version: 0.3\n  tables:\n");
        for (int i = 0; i < a.levelCount(); i++) {
            StorageLevel l = a.level(i);
            table(sb, paths.get(i));
            action(sb, "read", l.readEnergy());
            action(sb, "write", l.writeEnergy());
        }
        table(sb, paths.get(a.levelCount()));
        action(sb, "mac_random", a.compute().macEnergy());
        return sb.toString();
    }

    private static void table(StringBuilder sb, String path) {
        sb.append("  - name: ").append(MappingWriter.scalar(path)).append('\n').append("    actions:\n");
    }

    private static void action(StringBuilder sb, String name, double energy) {
        sb.append("    - name: ").append(name).append('\n')
                .append("      energy: ").append(ArchitectureWriter.number(energy)).append('\n');
    }
}
