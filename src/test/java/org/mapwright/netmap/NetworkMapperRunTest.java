package org.mapwright.netmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.mapwright.arch.Architecture;
import org.mapwright.mapspace.Constraints;
import org.mapwright.workload.Network;

/** Checkpoints, listeners and concurrent calls of {@link NetworkMapper}. */
class NetworkMapperRunTest {
    private static final Architecture EYERISS = Fixtures.arch("eyeriss_like");
    private static final List<Integer> ALL = List.of(0, 1, 2);

    /** A result without its wall-clock time: mapping, costs, seed and search counts. */
    private static List<String> untimed(NetworkResult r, Architecture a) {
        return r.layers().stream().map(l -> String.join("|", l.name(), Fixtures.text(l, a), l.evaluation().toString(),
                Long.toString(l.seed()), Long.toString(l.evaluations()), l.sameAs().orElse(""))).toList();
    }

    @Test
    void aCheckpointStoreResumesToTheSameResult() {
        Network tiny = Fixtures.tiny();
        Fixtures.MemoryStore store = new Fixtures.MemoryStore();
        Fixtures.Counting first = new Fixtures.Counting();
        NetworkResult fresh = new NetworkMapper(Fixtures.settings(first)).map(tiny, EYERISS, w -> Constraints.NONE, ALL,
                Listener.NONE, store);
        assertEquals(2, first.created.get());
        assertEquals(List.of(0, 1), store.entries.keySet().stream().sorted().toList(), "c reuses a: no checkpoint");
        assertEquals(List.of("a", "b", "c"), store.layersWritten);

        Fixtures.Counting again = new Fixtures.Counting();
        Recorder events = new Recorder();
        NetworkResult resumed = new NetworkMapper(Fixtures.settings(again)).map(tiny, EYERISS, w -> Constraints.NONE,
                ALL, events, store);
        assertEquals(0, again.created.get(), "every layer comes from its checkpoint");
        assertEquals(fresh, resumed, "a resumed run keeps the recorded search times too");
        assertEquals(List.of("resumed a", "resumed b", "reused c"), events.events);

        // as if stopped while b was searched: only b is searched again, to the same mapping
        store.entries.remove(1);
        Fixtures.Counting partly = new Fixtures.Counting();
        NetworkResult rest = new NetworkMapper(Fixtures.settings(partly)).map(tiny, EYERISS, w -> Constraints.NONE, ALL,
                Listener.NONE, store);
        assertEquals(1, partly.created.get());
        assertEquals(untimed(fresh, EYERISS), untimed(rest, EYERISS));

        // other settings make other fingerprints: the checkpoints do not apply
        Fixtures.Counting reseeded = new Fixtures.Counting();
        new NetworkMapper(Fixtures.settings(reseeded).withSeed(9)).map(tiny, EYERISS, w -> Constraints.NONE, ALL,
                Listener.NONE, store);
        assertEquals(2, reseeded.created.get());
    }

    @Test
    void concurrentCallsOnTwoAcceleratorsGiveTheSequentialResults() throws Exception {
        Network tiny = Fixtures.tiny();
        List<Architecture> archs = List.of(EYERISS, Fixtures.arch("simple_ws"));
        NetworkMapper m = new NetworkMapper(Fixtures.settings());
        List<List<String>> sequential = archs.stream().map(a -> untimed(m.map(tiny, a), a)).toList();
        assertNotEquals(sequential.get(0), sequential.get(1));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                Architecture a = archs.get(k % 2);
                runs.add(pool.submit(() -> untimed(m.map(tiny, a), a)));
            }
            for (int k = 0; k < runs.size(); k++) {
                assertEquals(sequential.get(k % 2), runs.get(k).get(), archs.get(k % 2).name() + ", run " + k);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aListenerHearsEveryLayerInOrder() {
        Recorder events = new Recorder();
        NetworkResult res = new NetworkMapper(Fixtures.settings()).map(Fixtures.tiny(), EYERISS, w -> Constraints.NONE,
                List.of(2, 1, 0), events, CheckpointStore.NONE);
        List<String> withoutTicks = events.events.stream().filter(e -> !e.startsWith("progress")).toList();
        // c comes first now, so it is searched and a reuses it
        assertEquals(List.of("started c", "finished c", "started b", "finished b", "reused a"), withoutTicks);
        for (String layer : List.of("c", "b")) {
            int start = events.events.indexOf("started " + layer);
            int end = events.events.indexOf("finished " + layer);
            assertTrue(events.events.subList(start + 1, end).contains("progress " + layer), events.events.toString());
            assertTrue(events.events.subList(start + 1, end).stream().allMatch(e -> e.equals("progress " + layer)),
                    events.events.toString());
        }
        assertEquals(List.of(0, 1, 2), events.positions);
        assertEquals(List.of(2, 1, 0), events.indices);
        assertEquals(res.layers(), events.results);
    }

    @Test
    void aSubsetCountsOnlyItsOwnLayers() {
        Recorder events = new Recorder();
        new NetworkMapper(Fixtures.settings()).map(Fixtures.tiny(), EYERISS, w -> Constraints.NONE, List.of(1),
                events, CheckpointStore.NONE);
        assertEquals(List.of("started b", "finished b"),
                events.events.stream().filter(e -> !e.startsWith("progress")).toList());
        assertEquals(List.of(1), events.counts);
        assertEquals(List.of(0), events.positions);
        assertEquals(List.of(1), events.indices);
    }

    /** Records events as "kind layer", and the steps and results of the layers as they finish. */
    static final class Recorder implements Listener {
        final List<String> events = new ArrayList<>();
        final List<Integer> positions = new ArrayList<>();
        final List<Integer> indices = new ArrayList<>();
        final List<Integer> counts = new ArrayList<>();
        final List<LayerResult> results = new ArrayList<>();

        @Override
        public synchronized void layerStarted(Step step) {
            events.add("started " + step.layer().name());
        }

        @Override
        public synchronized void progress(Step step, long evaluations, long budget, double seconds, double best) {
            events.add("progress " + step.layer().name());
        }

        @Override
        public synchronized void layerReused(Step step, LayerResult result) {
            events.add("reused " + step.layer().name());
            done(step, result);
        }

        @Override
        public synchronized void layerFinished(Step step, LayerResult result, boolean resumed) {
            events.add((resumed ? "resumed " : "finished ") + step.layer().name());
            done(step, result);
        }

        private void done(Step step, LayerResult result) {
            positions.add(step.position());
            indices.add(step.index());
            counts.add(step.count());
            results.add(result);
        }
    }
}
