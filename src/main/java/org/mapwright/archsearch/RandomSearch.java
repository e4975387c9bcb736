package org.mapwright.archsearch;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The baseline: every generation is drawn uniformly from the unit cube, whatever the fitness told. */
public final class RandomSearch implements Strategy {
    private final int dimensions;
    private final int population;
    private final SplittableRandom rnd;

    public RandomSearch(int dimensions, int population, long seed) {
        if (dimensions < 1 || population < 1) {
            throw new IllegalArgumentException("Random search needs at least one dimension and one point per generation.");
        }
        this.dimensions = dimensions;
        this.population = population;
        this.rnd = new SplittableRandom(seed);
    }

    @Override
    public List<double[]> ask() {
        List<double[]> out = new ArrayList<>(population);
        for (int k = 0; k < population; k++) {
            double[] x = new double[dimensions];
            for (int i = 0; i < dimensions; i++) {
                x[i] = rnd.nextDouble();
            }
            out.add(x);
        }
        return out;
    }

    @Override
    public void tell(List<double[]> asked, double[] fitness) {
        if (asked.size() != fitness.length) {
            throw new IllegalArgumentException("Told " + fitness.length + " fitness values for " + asked.size() + " points.");
        }
    }

    /** Registers random search as {@code random}. */
    public static final class Provider implements StrategyProvider {
        @Override
        public String name() {
            return "random";
        }

        @Override
        public String description() {
            return "uniform random points of the space (the baseline)";
        }

        @Override
        public Strategy create(int dimensions, int population, long seed) {
            return new RandomSearch(dimensions, population, seed);
        }
    }
}
