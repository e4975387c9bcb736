package org.mapwright.netspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.mapwright.diag.Diagnostic;
import org.mapwright.diag.InputException;
import org.mapwright.diag.SourceSpan;

/**
 * NAS-Bench-201 accuracies read from a table the user gives, in the format of NATS-Bench's 200-epoch export
 * ({@code nb201_test_acc_200ep.csv} of the shared data folder {@code nasbench201-acc200-test_nats-bench-landscape}):
 * comma-separated, no quoting, a header line, one cell per row.
 *
 * <p>Columns used: {@code arch_str} (required; NB201's arch string), the accuracy column (default {@value
 * #DEFAULT_COLUMN}: CIFAR-10 top-1 on the test set after 200 epochs, trained on train+valid; {@code
 * cifar100_test_acc} and {@code imagenet16_120_test_acc} are the other choices in that file), and {@code arch_index}
 * (optional; NB201's index, for {@link #index} and {@link #cell}). Other columns are ignored. Accuracies are in
 * percent unless read with {@link Unit#FRACTION}; predictions are fractions. Every problem is reported as {@code
 * file:line:column: error: ...}, all at once.
 */
public final class Nb201Accuracy implements AccuracyModel {
    /** The accuracy column read by default. */
    public static final String DEFAULT_COLUMN = "cifar10_test_acc";
    private static final int MAX_ERRORS = 20;

    /** How the file writes accuracies. */
    public enum Unit {
        /** 0 to 100, as NAS-Bench-201's files do. */
        PERCENT,
        /** 0 to 1. */
        FRACTION
    }

    private final String column;
    private final String file;
    private final Map<Nb201Candidate, Double> accuracy;
    private final Map<Nb201Candidate, Integer> indexOf;
    private final Map<Integer, Nb201Candidate> byIndex;

    private Nb201Accuracy(String file, String column, Map<Nb201Candidate, Double> accuracy,
                          Map<Nb201Candidate, Integer> indexOf) {
        this.file = file;
        this.column = column;
        this.accuracy = Map.copyOf(accuracy);
        this.indexOf = Map.copyOf(indexOf);
        Map<Integer, Nb201Candidate> inv = new HashMap<>();
        indexOf.forEach((c, i) -> inv.put(i, c));
        this.byIndex = Map.copyOf(inv);
    }

    /** Reads {@value #DEFAULT_COLUMN}, in percent. */
    public static Nb201Accuracy read(Path file) throws IOException {
        return read(file, DEFAULT_COLUMN, Unit.PERCENT);
    }

    /**
     * Reads the accuracies of column {@code column}, written in {@code unit}.
     *
     * @throws InputException listing every bad line
     */
    public static Nb201Accuracy read(Path file, String column, Unit unit) throws IOException {
        String name = file.toString();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Diagnostic> errors = new ArrayList<>();
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new InputException(SourceSpan.of(name, 1, 1), "The file is empty; it needs a header line naming the"
                    + " columns arch_str and " + column + ", then one row per NB201 cell.");
        }
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        int archCol = header.indexOf("arch_str");
        int accCol = header.indexOf(column);
        int idxCol = header.indexOf("arch_index");
        for (String need : List.of("arch_str", column)) {
            if (!header.contains(need)) {
                errors.add(Diagnostic.error(SourceSpan.of(name, 1, 1), "The header has no column " + need
                        + "; its columns are " + header + ". Add it, or choose the accuracy column that holds top-1."));
            }
        }
        if (!errors.isEmpty()) {
            throw new InputException(errors);
        }
        Map<Nb201Candidate, Double> acc = new HashMap<>();
        Map<Nb201Candidate, Integer> index = new HashMap<>();
        Map<Nb201Candidate, Integer> lineOf = new HashMap<>();
        Map<Integer, Integer> indexLine = new HashMap<>();
        double max = Double.NEGATIVE_INFINITY;
        int maxLine = 0;
        for (int ln = 2; ln <= lines.size() && errors.size() < MAX_ERRORS; ln++) {
            String line = lines.get(ln - 1);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != header.size()) {
                errors.add(Diagnostic.error(SourceSpan.of(name, ln, 1), "The row has " + f.length + " fields but the"
                        + " header has " + header.size() + "; write one value per column, without commas inside values."));
                continue;
            }
            Nb201Candidate c;
            try {
                c = Nb201Candidate.parse(f[archCol]);
            } catch (IllegalArgumentException e) {
                errors.add(Diagnostic.error(SourceSpan.of(name, ln, col(f, archCol)), e.getMessage()));
                continue;
            }
            Integer first = lineOf.putIfAbsent(c, ln);
            if (first != null) {
                errors.add(Diagnostic.error(SourceSpan.of(name, ln, col(f, archCol)), "Cell " + c.archStr()
                        + " is listed twice (first on line " + first + "); keep one row per cell."));
                continue;
            }
            double v;
            try {
                v = Double.parseDouble(f[accCol].trim());
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
            double top = unit == Unit.PERCENT ? 100 : 1;
            if (!(v >= 0 && v <= top)) {
                errors.add(Diagnostic.error(SourceSpan.of(name, ln, col(f, accCol)), "The " + column + " value "
                        + (f[accCol].isEmpty() ? "(empty)" : f[accCol]) + " is not an accuracy in " + unit(unit) + " (0 to "
                        + (int) top + ")" + (unit == Unit.FRACTION && v > 1 && v <= 100
                        ? "; it looks like percent: read the file with unit PERCENT." : "; fix the value.")));
                continue;
            }
            if (v > max) {
                max = v;
                maxLine = ln;
            }
            acc.put(c, unit == Unit.PERCENT ? v / 100 : v);
            if (idxCol >= 0) {
                Integer i = parseIndex(f[idxCol]);
                Integer prev = i == null ? null : indexLine.putIfAbsent(i, ln);
                if (i == null || prev != null) {
                    errors.add(Diagnostic.error(SourceSpan.of(name, ln, col(f, idxCol)), "The arch_index " + f[idxCol]
                            + (i == null ? " is not an NB201 index (0 to 15624)." : " is listed twice (first on line "
                            + prev + "); every cell has its own index.")));
                    continue;
                }
                index.put(c, i);
            }
        }
        if (errors.isEmpty() && acc.isEmpty()) {
            errors.add(Diagnostic.error(SourceSpan.of(name, 2, 1), "The file has a header but no rows; add one row per cell."));
        }
        if (errors.isEmpty() && unit == Unit.PERCENT && max <= 1) {
            errors.add(Diagnostic.error(SourceSpan.of(name, maxLine, col(lines.get(maxLine - 1).split(",", -1), accCol)),
                    "Every " + column + " value is at most 1 (the largest, " + max + ", is here), so the file holds"
                    + " fractions, not percent; read it with unit FRACTION."));
        }
        if (!errors.isEmpty()) {
            throw new InputException(errors);
        }
        return new Nb201Accuracy(name, column, acc, index);
    }

    private static String unit(Unit u) {
        return u == Unit.PERCENT ? "percent" : "fractions";
    }

    private static Integer parseIndex(String s) {
        try {
            int i = Integer.parseInt(s.trim());
            return i >= 0 && i < 15_625 ? i : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** 1-based column where field {@code k} starts. */
    private static int col(String[] fields, int k) {
        int c = 1;
        for (int i = 0; i < k; i++) {
            c += fields[i].length() + 1;
        }
        return c;
    }

    @Override
    public String name() {
        return "nb201-table:" + column;
    }

    /** @throws IllegalArgumentException for a candidate of another space or a cell the file does not list */
    @Override
    public double[] predict(List<NetCandidate> candidates) {
        double[] out = new double[candidates.size()];
        for (int i = 0; i < out.length; i++) {
            NetCandidate c = candidates.get(i);
            if (!(c instanceof Nb201Candidate n)) {
                throw new IllegalArgumentException("The NB201 accuracy table covers space " + Nb201Space.NAME
                        + " only; got a candidate of space " + c.spaceName() + ".");
            }
            Double a = accuracy.get(n);
            if (a == null) {
                throw new IllegalArgumentException("Cell " + n.archStr() + " is not in " + file + "; give a table that"
                        + " lists every cell of the search (NB201 has 15,625).");
            }
            out[i] = a;
        }
        return out;
    }

    /** Number of cells in the table. */
    public int size() {
        return accuracy.size();
    }

    /** NB201's index of a cell, if the table has an {@code arch_index} column and lists the cell. */
    public OptionalInt index(Nb201Candidate c) {
        Integer i = indexOf.get(c);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** The cell of an NB201 index, if the table lists it. */
    public Optional<Nb201Candidate> cell(int index) {
        return Optional.ofNullable(byIndex.get(index));
    }
}
