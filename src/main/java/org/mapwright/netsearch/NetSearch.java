package org.mapwright.netsearch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.mapwright.netcost.CostModel;
import org.mapwright.netcost.NetCost;
import org.mapwright.netcost.Target;
import org.mapwright.netspace.AccuracyModel;
import org.mapwright.netspace.NetCandidate;
import org.mapwright.netspace.NetSpace;
import org.mapwright.workload.Network;

/**
 * Evolutionary network search for one accelerator (the regularised evolution of OFA's and HW-EvRSNAS's searches):
 * a population of networks, each generation the best fraction kept as parents, the rest replaced by mutants and
 * crossovers of parents; every candidate scored by an accuracy model and a screening cost model (cheap: a predictor)
 * against an {@link Objective}; at the end the best candidates are re-checked with the exact cost model, and the best
 * re-checked candidate that keeps the constraint is the answer. A candidate met again is not scored again. The same
 * seed, models and settings give the same result.
 */
public final class NetSearch {

    /**
     * Settings.
     *
     * @param population   candidates per generation
     * @param budgetNets   stop after this many distinct candidates have been scored
     * @param parents      fraction of the population kept as parents
     * @param mutationRate probability of resampling each gene of a mutant
     * @param crossover    fraction of children made by crossover (the rest by mutation)
     * @param recheckTop   best distinct candidates re-checked with the exact cost model
     * @param seed         root seed
     */
    public record Settings(int population, long budgetNets, double parents, double mutationRate, double crossover,
                           int recheckTop, long seed) {
        public Settings {
            if (population < 4) {
                throw new IllegalArgumentException("A population needs at least 4 networks, got " + population + ".");
            }
            if (budgetNets < population) {
                throw new IllegalArgumentException("The budget (" + budgetNets + " networks) must cover at least one "
                        + "population (" + population + ").");
            }
            if (!(parents > 0 && parents < 1) || !(mutationRate > 0 && mutationRate <= 1) || !(crossover >= 0 && crossover <= 1)) {
                throw new IllegalArgumentException("The parent fraction must be in (0, 1), the mutation rate in (0, 1] "
                        + "and the crossover fraction in [0, 1].");
            }
            if (recheckTop < 1) {
                throw new IllegalArgumentException("Re-check at least one network, got " + recheckTop + ".");
            }
        }

        /** OFA's evolution settings (population 100, parents 25%, mutation 0.1, half crossover), re-check top 10. */
        public static Settings defaults(long budgetNets, long seed) {
            return new Settings(100, budgetNets, 0.25, 0.1, 0.5, 10, seed);
        }
    }

    /** One scored candidate. */
    public record Scored(NetCandidate net, double accuracy, NetCost cost, double fitness, int generation) {
    }

    /** A candidate re-checked with the exact cost model. */
    public record Rechecked(Scored screened, NetCost exact, double fitness, boolean meets) {
    }

    /**
     * A finished search.
     *
     * @param scored      every distinct candidate, in the order scored
     * @param rechecked   the re-checked candidates, best exact fitness first
     * @param best        the best re-checked candidate that keeps the constraint, if any
     * @param generations generations run
     * @param seconds     wall-clock seconds
     */
    public record Result(List<Scored> scored, List<Rechecked> rechecked, Optional<Rechecked> best, int generations,
                         double seconds) {
    }

    /** Hears about each generation. */
    public interface Listener {
        Listener NONE = (g, scored, best, seconds) -> { };

        void generation(int generation, int scored, Scored best, double seconds);
    }

    private NetSearch() {
    }

    /**
     * Runs a search.
     *
     * @param seeds   networks put in the first population before random ones (such as the space's named members)
     * @param screen  the cost model that scores every candidate
     * @param exact   the cost model of the re-check
     */
    public static Result run(NetSpace space, List<NetCandidate> seeds, AccuracyModel accuracy, CostModel screen,
                             CostModel exact, Target target, Objective objective, Settings s, Listener listener) {
        Objects.requireNonNull(target, "target");
        long start = System.nanoTime();
        SplittableRandom rnd = new SplittableRandom(s.seed());
        Map<String, Scored> seen = new LinkedHashMap<>();
        List<NetCandidate> fresh = new ArrayList<>();
        for (NetCandidate c : seeds) {
            if (fresh.size() < s.population() && fresh.stream().noneMatch(f -> f.key().equals(c.key()))) {
                fresh.add(c);
            }
        }
        int guard = 0;
        while (fresh.size() < s.population() && guard++ < 100 * s.population()) {
            NetCandidate c = space.random(rnd);
            if (fresh.stream().noneMatch(f -> f.key().equals(c.key()))) {
                fresh.add(c);
            }
        }
        List<Scored> population = score(fresh, 0, accuracy, screen, target, objective, seen);
        int generation = 0;
        listener.generation(0, seen.size(), best(population), (System.nanoTime() - start) / 1e9);
        while (seen.size() < s.budgetNets()) {
            generation++;
            population.sort(Comparator.comparingDouble(Scored::fitness).reversed());
            int keep = Math.max(2, (int) Math.round(s.parents() * s.population()));
            List<Scored> parents = new ArrayList<>(population.subList(0, Math.min(keep, population.size())));
            List<NetCandidate> children = new ArrayList<>();
            int want = (int) Math.min(s.population() - parents.size(), s.budgetNets() - seen.size());
            int tries = 0;
            while (children.size() < want && tries++ < 50 * s.population()) {
                NetCandidate child;
                if (rnd.nextDouble() < s.crossover()) {
                    NetCandidate a = parents.get(rnd.nextInt(parents.size())).net();
                    NetCandidate b = parents.get(rnd.nextInt(parents.size())).net();
                    child = space.mutate(space.crossover(a, b, rnd), s.mutationRate(), rnd);
                } else {
                    child = space.mutate(parents.get(rnd.nextInt(parents.size())).net(), s.mutationRate(), rnd);
                }
                String k = child.key();
                if (!seen.containsKey(k) && children.stream().noneMatch(c -> c.key().equals(k))) {
                    children.add(child);
                }
            }
            if (children.isEmpty()) {
                break;
            }
            List<Scored> next = new ArrayList<>(parents);
            next.addAll(score(children, generation, accuracy, screen, target, objective, seen));
            population = next;
            listener.generation(generation, seen.size(), best(population), (System.nanoTime() - start) / 1e9);
        }
        List<Rechecked> rechecked = recheck(new ArrayList<>(seen.values()), exact, target, objective, s.recheckTop());
        Optional<Rechecked> best = rechecked.stream().filter(Rechecked::meets).findFirst();
        return new Result(List.copyOf(seen.values()), rechecked, best, generation + 1, (System.nanoTime() - start) / 1e9);
    }

    private static Scored best(List<Scored> population) {
        return population.stream().max(Comparator.comparingDouble(Scored::fitness)).orElseThrow();
    }

    static List<Scored> score(List<NetCandidate> nets, int generation, AccuracyModel accuracy, CostModel cost,
                              Target target, Objective objective, Map<String, Scored> seen) {
        double[] acc = accuracy.predict(nets);
        List<Network> networks = new ArrayList<>(nets.size());
        for (NetCandidate n : nets) {
            networks.add(n.network("candidate"));
        }
        List<NetCost> costs = cost.costs(networks, target);
        List<Scored> out = new ArrayList<>(nets.size());
        for (int i = 0; i < nets.size(); i++) {
            Scored sc = new Scored(nets.get(i), acc[i], costs.get(i), objective.fitness(acc[i], costs.get(i)), generation);
            seen.putIfAbsent(nets.get(i).key(), sc);
            out.add(sc);
        }
        return out;
    }

    /** The {@code top} best screened candidates (those predicted to keep the constraint first), costed exactly. */
    static List<Rechecked> recheck(List<Scored> all, CostModel exact, Target target, Objective objective, int top) {
        List<Scored> order = new ArrayList<>(all);
        order.sort(Comparator.comparing((Scored sc) -> !objective.meets(sc.accuracy(), sc.cost()))
                .thenComparing(Comparator.comparingDouble(Scored::fitness).reversed()));
        List<Rechecked> out = new ArrayList<>();
        for (Scored sc : order.subList(0, Math.min(top, order.size()))) {
            NetCost e = exact.cost(sc.net().network("candidate"), target);
            out.add(new Rechecked(sc, e, objective.fitness(sc.accuracy(), e), objective.meets(sc.accuracy(), e)));
        }
        out.sort(Comparator.comparing((Rechecked r) -> !r.meets()).thenComparing(
                Comparator.comparingDouble(Rechecked::fitness).reversed()));
        return out;
    }
}
