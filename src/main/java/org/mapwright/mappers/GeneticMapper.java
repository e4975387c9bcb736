package org.mapwright.mappers;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.mapwright.mapspace.MapPoint;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.mapspace.Moves;
import org.mapwright.mapspace.Sampler;
import org.mapwright.search.Mapper;
import org.mapwright.search.MapperProvider;
import org.mapwright.search.Objective;
import org.mapwright.search.Outcome;
import org.mapwright.search.SearchContext;

/**
 * A genetic search in the manner of GAMMA (Kao and Krishna, ICCAD 2020): a genome holds the tiling (each
 * dimension's factors, including what is unrolled and on which axis), the loop order of every level and the
 * keep choices. Each generation keeps its elite, and fills the rest with children of tournament-selected parents by
 * uniform crossover of those genes and one or two mutations; an invalid child is repaired a few times or dropped.
 */
public final class GeneticMapper implements Mapper {
    static final int POPULATION = 32;
    static final int ELITE = 4;
    static final int TOURNAMENT = 3;
    static final int REPAIRS = 8;

    private Sampler sampler;
    private Moves moves;
    private Objective objective;
    private SplittableRandom rnd;
    private MapPoint[] population;
    private Outcome[] fitness;
    private int size;
    private MapPoint[] next;
    private Outcome[] nextFitness;
    private int nextSize;
    private MapPoint child;
    private boolean repairing;
    private int repairsLeft;
    private long asked;

    @Override
    public void init(SearchContext ctx) {
        Mapspace space = ctx.space();
        sampler = new Sampler(space);
        moves = new Moves(space);
        objective = ctx.objective();
        rnd = ctx.random();
        population = new MapPoint[POPULATION];
        fitness = new Outcome[POPULATION];
        next = new MapPoint[POPULATION];
        nextFitness = new Outcome[POPULATION];
        for (int i = 0; i < POPULATION; i++) {
            population[i] = space.newPoint();
            next[i] = space.newPoint();
        }
        child = space.newPoint();
    }

    @Override
    public MapPoint ask() {
        asked++;
        if (repairing) {
            return child;
        }
        repairsLeft = REPAIRS;
        if (size < POPULATION && (size < 2 || asked < 50_000)) {
            sampler.uniform(child, rnd);
            return child;
        }
        MapPoint a = population[tournament()];
        MapPoint b = population[tournament()];
        if (rnd.nextInt(10) < 9) {
            moves.crossover(a, b, child, rnd);
        } else {
            child.copyFrom(a);
        }
        moves.mutate(child, rnd);
        if (rnd.nextBoolean()) {
            moves.mutate(child, rnd);
        }
        return child;
    }

    private int tournament() {
        int best = rnd.nextInt(size);
        for (int i = 1; i < TOURNAMENT; i++) {
            int c = rnd.nextInt(size);
            if (objective.compare(fitness[c], fitness[best]) < 0) {
                best = c;
            }
        }
        return best;
    }

    @Override
    public void tell(MapPoint p, Outcome o) {
        repairing = false;
        if (!o.valid()) {
            repairing = repairsLeft-- > 0 && Repairs.repair(moves, child, o, rnd);
            return;
        }
        if (size < POPULATION && (size < 2 || asked < 50_000)) {
            population[size].copyFrom(child);
            fitness[size++] = o;
            return;
        }
        next[nextSize].copyFrom(child);
        nextFitness[nextSize++] = o;
        if (nextSize >= size - elite()) {
            nextGeneration();
        }
    }

    /** The elite of the old generation and all the children form the new one. */
    private void nextGeneration() {
        int elite = elite();
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparing(i -> fitness[i], objective::compare));
        MapPoint[] keep = new MapPoint[elite];
        Outcome[] keepFit = new Outcome[elite];
        for (int e = 0; e < elite; e++) {
            keep[e] = population[idx[e]].copy();
            keepFit[e] = fitness[idx[e]];
        }
        for (int e = 0; e < elite; e++) {
            population[e].copyFrom(keep[e]);
            fitness[e] = keepFit[e];
        }
        for (int c = 0; c < nextSize; c++) {
            population[elite + c].copyFrom(next[c]);
            fitness[elite + c] = nextFitness[c];
        }
        nextSize = 0;
    }

    private int elite() {
        return Math.min(ELITE, size - 1);
    }

    /** Registers this mapper as {@code genetic}. */
    public static final class Provider implements MapperProvider {
        @Override
        public String name() {
            return "genetic";
        }

        @Override
        public String description() {
            return "GAMMA-style genetic search over tiling, order and parallelism genes, with elitism and repair.";
        }

        @Override
        public Mapper create() {
            return new GeneticMapper();
        }
    }
}
