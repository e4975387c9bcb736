package org.mapwright.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mapwright.arch.Architecture;
import org.mapwright.diag.Suggestions;
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.dsl.NamedConstraints;
import org.mapwright.mapspace.Constraints;
import org.mapwright.netcost.Target;
import org.mapwright.netspace.NetSpace;
import org.mapwright.search.MapperProvider;
import org.mapwright.search.Mappers;

/** Option values shared by the network-search commands, checked with located errors. */
final class NetSearchInputs {
    private NetSearchInputs() {
    }

    static MapperProvider mapper(String option, String name) {
        try {
            return Mappers.byName(name);
        } catch (IllegalArgumentException e) {
            throw MapInputs.badInput(option, e.getMessage());
        }
    }

    static NetSpace netSpace(String option, String name) {
        try {
            return NetSpace.forName(name);
        } catch (IllegalArgumentException e) {
            throw MapInputs.badInput(option, e.getMessage());
        }
    }

    /** An accelerator with its constraints, and how a DSL file includes its declaration. */
    record Accelerator(Target target, String include) {
    }

    /** Built-in files that declare named constraints. */
    static final List<String> BUILTIN_CONSTRAINTS = List.of("eyeriss_row_stationary.mw");

    /**
     * The accelerator {@code --arch} names (declared in the files, else built in) and the constraints {@code
     * --constraints} names (declared in the files or a built-in file; none when not given).
     */
    static Accelerator accelerator(List<Path> files, Library lib, String archName, String constraintsName) {
        Architecture a;
        String include;
        if (archName == null) {
            if (lib.accelerators().size() != 1) {
                throw MapInputs.badInput("--arch", "Name the accelerator: the input files declare "
                        + lib.accelerators().size() + " accelerators; the built-in ones are "
                        + String.join(", ", MapInputs.BUILTIN_ACCELERATORS) + ".");
            }
            archName = lib.accelerators().keySet().iterator().next();
        }
        if (lib.accelerators().containsKey(archName)) {
            a = lib.accelerators().get(archName);
            String n = archName;
            include = files.stream().filter(f -> Frontend.load(List.of(f)).accelerators().containsKey(n)).findFirst()
                    .orElse(files.get(0)).toAbsolutePath().toString();
        } else if (MapInputs.BUILTIN_ACCELERATORS.contains(archName)) {
            a = Frontend.loadBuiltin(archName + ".mw").accelerators().get(archName);
            include = Frontend.BUILTIN + archName + ".mw";
        } else {
            List<String> known = new ArrayList<>(lib.accelerators().keySet());
            known.addAll(MapInputs.BUILTIN_ACCELERATORS);
            throw MapInputs.badInput("--arch", "There is no accelerator `" + archName + "` in the input files or the "
                    + "built-in library" + Suggestions.closest(archName, known).map(c -> "; did you mean `" + c + "`?")
                    .orElse(".") + " The built-in accelerators are " + String.join(", ", MapInputs.BUILTIN_ACCELERATORS) + ".");
        }
        if (constraintsName == null) {
            return new Accelerator(Target.of(a), include);
        }
        Optional<NamedConstraints> nc = Optional.ofNullable(lib.constraints().get(constraintsName));
        for (String f : BUILTIN_CONSTRAINTS) {
            if (nc.isEmpty()) {
                nc = Optional.ofNullable(Frontend.loadBuiltin(f).constraints().get(constraintsName));
            }
        }
        if (nc.isEmpty()) {
            throw MapInputs.badInput("--constraints", "There are no constraints called `" + constraintsName + "` in the "
                    + "input files or the built-in library (built in: row_stationary, for eyeriss_like).");
        }
        if (nc.get().accelerator().isPresent() && !nc.get().accelerator().get().equals(archName)) {
            throw MapInputs.badInput("--constraints", "Constraints " + constraintsName + " are written for accelerator "
                    + nc.get().accelerator().get() + ", not " + archName + "; choose constraints for " + archName + ".");
        }
        Constraints c = nc.get().constraints();
        return new Accelerator(new Target(a, constraintsName, w -> c), include);
    }

    /**
     * A cost limit: a positive number ({@code [value, NaN]}) or {@code Fx}, a fraction of the space's largest
     * network's cost ({@code [NaN, F]}).
     */
    static double[] limit(String option, String text) {
        String t = text.trim();
        boolean relative = t.endsWith("x") || t.endsWith("X");
        double v;
        try {
            v = Double.parseDouble(relative ? t.substring(0, t.length() - 1) : t);
        } catch (NumberFormatException e) {
            throw MapInputs.badInput(option, "`" + text + "` is not a number; give a positive number, or Fx for F "
                    + "times the cost of the space's largest network (such as 0.5x).");
        }
        if (!(v > 0 && Double.isFinite(v))) {
            throw MapInputs.badInput(option, "The limit must be positive, got " + text + ".");
        }
        return relative ? new double[] {Double.NaN, v} : new double[] {v, Double.NaN};
    }

    /** The screening cost model: learned (given or shipped predictor, when it serves the accelerator) or exact. */
    static org.mapwright.netcost.CostModel screen(String choice, Path predictor, Target target,
                                                   org.mapwright.netcost.ExactCost exact, java.io.PrintWriter err) {
        if (choice != null && !choice.equals("learned") && !choice.equals("exact")) {
            throw MapInputs.badInput("--cost-model", "Unknown cost model `" + choice + "`; choose learned or exact.");
        }
        if ("exact".equals(choice)) {
            return exact;
        }
        Optional<org.mapwright.netcost.LearnedCost> learned;
        try {
            learned = predictor != null ? Optional.of(org.mapwright.netcost.Predictors.load(predictor))
                    : org.mapwright.netcost.Predictors.forSpace("eyeriss_resources");
        } catch (java.io.IOException e) {
            throw MapInputs.badInput("--predictor", e.getMessage());
        }
        String why = learned.isEmpty() ? "no cost predictor is installed"
                : learned.get().model().inputs() != org.mapwright.netcost.Features.rowLength(target.arch())
                ? "the cost predictor was trained on accelerators of another structure (another number of levels)" : "";
        if (why.isEmpty()) {
            return learned.get();
        }
        if ("learned".equals(choice)) {
            throw MapInputs.badInput("--cost-model", "The learned cost model cannot serve " + target.arch().name() + ": "
                    + why + "; use --cost-model exact or train one with `mapwright bench cost-predictor --save-model`.");
        }
        err.println("note: screening with exact costs: " + why + ".");
        return exact;
    }
}
