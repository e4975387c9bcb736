package org.mapwright.netspace;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A space of neural networks as a network search sees it: every member is a genome, an {@code int[]} with one choice
 * index per gene ({@code 0 <= genes[i] < arity()[i]}), decoded into a {@link NetCandidate} that builds its Mapwright
 * network.
 *
 * <p>Decoding is canonical: genes that do not change the network (an OFA block slot its stage does not run) do not
 * change the candidate's {@link NetCandidate#key() key}, and candidates are equal exactly when their keys are. A
 * candidate keeps the genome it was decoded from, so such hidden genes survive mutation and crossover (a stage that
 * grows deeper later gets its old block choices back).
 *
 * <p>The default {@link #random}, {@link #mutate} and {@link #crossover} work on genomes only; a space implements
 * {@link #name}, {@link #arity}, {@link #decode}, {@link #encode} and {@link #named}.
 */
public interface NetSpace {
    /** The space's name, as on the command line: {@code ofa-mbv3} or {@code nb201}. */
    String name();

    /** The number of choices of every gene; a fresh copy. */
    int[] arity();

    /**
     * The candidate a genome stands for.
     *
     * @throws IllegalArgumentException if the genome has the wrong length or a choice index out of range
     */
    NetCandidate decode(int[] genes);

    /** The genome of a candidate of this space (the one it was decoded from). */
    int[] encode(NetCandidate c);

    /** Notable members: for OFA-MobileNetV3 the largest and the smallest subnet. */
    List<NetCandidate> named();

    /** A uniformly random member: every gene drawn independently. */
    default NetCandidate random(SplittableRandom rnd) {
        int[] a = arity();
        int[] g = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            g[i] = rnd.nextInt(a[i]);
        }
        return decode(g);
    }

    /**
     * A mutant of {@code c}: every gene is replaced, with probability {@code rate}, by one of its other choices. The
     * result is always a different network (its key differs from {@code c}'s): while it is not, one more gene, drawn
     * at random, is changed.
     */
    default NetCandidate mutate(NetCandidate c, double rate, SplittableRandom rnd) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("The mutation rate must be between 0 and 1, got " + rate + ".");
        }
        int[] a = arity();
        int[] g = encode(c);
        for (int i = 0; i < g.length; i++) {
            if (a[i] > 1 && rnd.nextDouble() < rate) {
                g[i] = other(g[i], a[i], rnd);
            }
        }
        NetCandidate m = decode(g);
        for (int tries = 0; m.key().equals(c.key()); tries++) {
            if (tries > 100 * g.length) {
                throw new IllegalStateException("Space " + name() + " found no mutant of " + c.key()
                        + "; it needs at least two distinct members.");
            }
            int i = rnd.nextInt(g.length);
            if (a[i] > 1) {
                g[i] = other(g[i], a[i], rnd);
                m = decode(g);
            }
        }
        return m;
    }

    /** A child taking each gene from {@code a} or {@code b} with equal probability. */
    default NetCandidate crossover(NetCandidate a, NetCandidate b, SplittableRandom rnd) {
        int[] ga = encode(a);
        int[] gb = encode(b);
        int[] g = new int[ga.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = rnd.nextBoolean() ? ga[i] : gb[i];
        }
        return decode(g);
    }

    /**
     * The space of a name.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    static NetSpace forName(String name) {
        return switch (name) {
            case OfaSpace.NAME -> new OfaSpace();
            case Nb201Space.NAME -> new Nb201Space();
            default -> throw new IllegalArgumentException("Unknown network space: " + name + "; known spaces: "
                    + OfaSpace.NAME + ", " + Nb201Space.NAME + ".");
        };
    }

    /** Checks a genome's length and ranges against an arity; the message names the space and the gene. */
    static int[] checkGenes(String space, int[] arity, int[] genes) {
        if (genes == null || genes.length != arity.length) {
            throw new IllegalArgumentException("A genome of space " + space + " has " + arity.length + " genes, got "
                    + (genes == null ? "none" : genes.length) + ".");
        }
        for (int i = 0; i < genes.length; i++) {
            if (genes[i] < 0 || genes[i] >= arity[i]) {
                throw new IllegalArgumentException("Gene " + i + " of a genome of space " + space + " is " + genes[i]
                        + "; it must be between 0 and " + (arity[i] - 1) + ". Genome: " + Arrays.toString(genes) + ".");
            }
        }
        return genes.clone();
    }

    private static int other(int current, int arity, SplittableRandom rnd) {
        int v = rnd.nextInt(arity - 1);
        return v >= current ? v + 1 : v;
    }
}
