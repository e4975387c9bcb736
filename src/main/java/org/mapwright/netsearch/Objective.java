package org.mapwright.netsearch;

import java.util.Objects;
import org.mapwright.netcost.CostMetric;
import org.mapwright.netcost.NetCost;

/**
 * What a network search wants: the most accurate network under a hardware-cost limit, or the cheapest network above
 * an accuracy floor; the constraint either hard (a candidate that breaks it ranks below every one that keeps it) or,
 * HW-EvRSNAS-style, a penalty proportional to the relative distance from the target. Fitness: higher is better.
 *
 * @param goal          what is optimised
 * @param metric        the hardware cost (EDP, energy or cycles)
 * @param costLimit     the cost limit of {@link Goal#MAX_ACCURACY} (the penalty's target)
 * @param accuracyFloor the accuracy floor of {@link Goal#MIN_COST} (fraction 0..1)
 * @param penalty       whether the constraint is a penalty rather than hard
 * @param weight        the penalty's weight: accuracy points (0.01) lost per 10% of the limit away from it, for
 *                      {@link Goal#MAX_ACCURACY}; ln-cost units per accuracy point below the floor for
 *                      {@link Goal#MIN_COST}
 */
public record Objective(Goal goal, CostMetric metric, double costLimit, double accuracyFloor, boolean penalty,
                        double weight) {

    /** What is optimised. */
    public enum Goal {
        /** The most accurate network whose cost is at most the limit. */
        MAX_ACCURACY,
        /** The cheapest network whose accuracy is at least the floor. */
        MIN_COST
    }

    /** Default penalty weight. */
    public static final double DEFAULT_WEIGHT = 0.1;
    static final double BROKEN = -1e3;

    public Objective {
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(metric, "metric");
        if (goal == Goal.MAX_ACCURACY && !(costLimit > 0 && Double.isFinite(costLimit))) {
            throw new IllegalArgumentException("A cost limit must be a positive number, got " + costLimit + ".");
        }
        if (goal == Goal.MIN_COST && !(accuracyFloor >= 0 && accuracyFloor <= 1)) {
            throw new IllegalArgumentException("An accuracy floor is a fraction between 0 and 1, got " + accuracyFloor + ".");
        }
        if (!(weight >= 0 && Double.isFinite(weight))) {
            throw new IllegalArgumentException("The penalty weight must be 0 or positive, got " + weight + ".");
        }
    }

    /** The most accurate network with {@code metric} at most {@code limit}, hard constraint. */
    public static Objective maxAccuracy(CostMetric metric, double limit) {
        return new Objective(Goal.MAX_ACCURACY, metric, limit, 0, false, DEFAULT_WEIGHT);
    }

    /** The cheapest network by {@code metric} with accuracy at least {@code floor}, hard constraint. */
    public static Objective minCost(CostMetric metric, double floor) {
        return new Objective(Goal.MIN_COST, metric, Double.NaN, floor, false, DEFAULT_WEIGHT);
    }

    public Objective withPenalty(double w) {
        return new Objective(goal, metric, costLimit, accuracyFloor, true, w);
    }

    /** Whether a network of this accuracy and cost keeps the constraint. */
    public boolean meets(double accuracy, NetCost cost) {
        if (!cost.mappable()) {
            return false;
        }
        return goal == Goal.MAX_ACCURACY ? cost.metric(metric) <= costLimit : accuracy >= accuracyFloor;
    }

    /** The fitness of a network (higher is better); unmappable networks rank last. */
    public double fitness(double accuracy, NetCost cost) {
        if (!cost.mappable()) {
            return 2 * BROKEN;
        }
        double c = cost.metric(metric);
        if (goal == Goal.MAX_ACCURACY) {
            double ratio = c / costLimit;
            if (penalty) {
                return accuracy - weight * Math.abs(ratio - 1);
            }
            return ratio <= 1 ? accuracy : BROKEN - Math.log(ratio);
        }
        double miss = Math.max(0, accuracyFloor - accuracy);
        if (penalty) {
            return -Math.log(c) - weight * 100 * miss;
        }
        return miss == 0 ? -Math.log(c) : BROKEN - miss;
    }

    /** A one-line description for reports. */
    public String describe() {
        String how = penalty ? "penalty (weight " + weight + ")" : "hard constraint";
        return goal == Goal.MAX_ACCURACY
                ? "maximise accuracy with " + metric.label() + " <= " + costLimit + " (" + how + ")"
                : "minimise " + metric.label() + " with accuracy >= " + accuracyFloor + " (" + how + ")";
    }
}
