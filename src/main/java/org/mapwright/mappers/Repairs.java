package org.mapwright.mappers;

import java.util.SplittableRandom;
import org.mapwright.mapspace.Axis;
import org.mapwright.mapspace.MapPoint;
import org.mapwright.mapspace.Moves;
import org.mapwright.search.Outcome;

/** Pulls an invalid point toward validity by the move its rejection calls for. */
final class Repairs {
    private Repairs() {
    }

    /** Applies one repair for the outcome's violation; false when there is none to apply. */
    static boolean repair(Moves moves, MapPoint p, Outcome o, SplittableRandom rnd) {
        return switch (o.status()) {
            case CAPACITY -> moves.relieveCapacity(p, o.level(), rnd);
            case FANOUT_X -> moves.relieveFanout(p, o.level(), Axis.X, rnd);
            case FANOUT_Y -> moves.relieveFanout(p, o.level(), Axis.Y, rnd);
            default -> false;
        };
    }
}
