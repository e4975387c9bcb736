package org.mapwright.timeloop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.mapwright.arch.StorageLevel;
import org.mapwright.diag.Diagnostics;
import org.mapwright.diag.InputException;

/**
 * Reads an {@code ERT} section ({@code {version, tables: [{name, actions: [{name, energy, arguments}]}]}}), as
 * written by Accelergy or by hand, into an {@link Ert}. Energies are pJ per action; for storage, per
 * vector access. Unknown keys are ignored, as Timeloop ignores them.
 */
public final class ErtReader {
    private ErtReader() {
    }

    /**
     * Reads the value of an {@code ERT:} key.
     *
     * @throws InputException with every error found
     */
    public static Ert read(YamlNode ert) {
        return read(ert, new Diagnostics());
    }

    /** Like {@link #read(YamlNode)}, adding the warnings of a successful read to {@code warnings}. */
    public static Ert read(YamlNode ert, Diagnostics warnings) {
        Diagnostics d = new Diagnostics();
        List<Ert.Component> out = new ArrayList<>();
        YamlMap m = Nodes.map(ert, "the 'ERT' section", d);
        if (m != null) {
            YamlMap.Entry tables = Nodes.require(m, m.span(), "the 'ERT' section", d, "tables");
            List<YamlNode> items = tables == null ? null : Nodes.items(tables.value(), "'tables'", d);
            if (items != null) {
                for (YamlNode item : items) {
                    Ert.Component c = table(item, d);
                    if (c != null) {
                        out.add(c);
                    }
                }
            }
        }
        Nodes.throwIfErrors(d);
        warnings.addAll(d.warnings());
        return Ert.of(out);
    }

    private static Ert.Component table(YamlNode item, Diagnostics d) {
        YamlMap t = Nodes.map(item, "an ERT table", d);
        if (t == null) {
            return null;
        }
        YamlMap.Entry nameEntry = Nodes.require(t, t.span(), "an ERT table", d, "name");
        String full = nameEntry == null ? null : Nodes.name(nameEntry.value(), "an ERT table name", d);
        if (full == null) {
            return null;
        }
        YamlMap.Entry actionsEntry = Nodes.require(t, nameEntry.key().span(), "ERT table " + full, d, "actions");
        List<YamlNode> actions = actionsEntry == null ? null : Nodes.items(actionsEntry.value(), "'actions' of " + full, d);
        if (actions == null) {
            return null;
        }
        Map<String, Double> energies = new LinkedHashMap<>();
        for (YamlNode a : actions) {
            YamlMap am = Nodes.map(a, "an action of " + full, d);
            if (am == null) {
                continue;
            }
            YamlMap.Entry an = Nodes.require(am, am.span(), "an action of " + full, d, "name");
            String action = an == null ? null : Nodes.name(an.value(), "an action name", d);
            if (action == null) {
                continue;
            }
            YamlMap.Entry en = Nodes.require(am, an.key().span(), "action " + action + " of " + full, d, "energy");
            if (en == null) {
                continue;
            }
            OptionalDouble e = Nodes.number(en.value(), "the energy of action " + action + " of " + full, 0, false, d);
            if (e.isPresent() && e.getAsDouble() > StorageLevel.MAX_ENERGY_PJ) {
                d.error(en.value().span(), "The energy of action " + action + " of " + full + " is "
                        + e.getAsDouble() + " pJ, more than the " + StorageLevel.MAX_ENERGY_PJ + " pJ (1 kJ) "
                        + "Mapwright accepts per action; check the units (ERT energies are in pJ).");
            } else if (e.isPresent()) {
                energies.merge(action, e.getAsDouble(), Math::max);
            }
        }
        return new Ert.Component(Ert.shortName(full), full, nameEntry.value().span(), energies);
    }
}
