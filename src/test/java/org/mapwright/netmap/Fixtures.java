package org.mapwright.netmap;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.mapwright.arch.Architecture;
import org.mapwright.cli.Main;
import org.mapwright.dsl.Frontend;
import org.mapwright.search.Budget;
import org.mapwright.search.Mapper;
import org.mapwright.search.MapperProvider;
import org.mapwright.search.Mappers;
import org.mapwright.timeloop.MappingWriter;
import org.mapwright.workload.Network;
import org.mapwright.workload.Workload;

/** A small network, accelerators, settings and test doubles shared by the network-mapping tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** Three small layers; c has a's shape under another name, so it reuses a's result. */
    static final String TINY = org.mapwright.testing.Tiny.NETWORK;

    static final long BUDGET = 2000;

    static Network tiny() {
        return Frontend.loadText("tiny.mw", TINY).networks().get("tiny");
    }

    static Architecture arch(String name) {
        return Frontend.loadBuiltin(name + ".mw").accelerators().get(name);
    }

    /** The default mapper on one thread with a small evaluation budget: the same seed gives the same result. */
    static NetworkMapper.Settings settings(MapperProvider mapper) {
        return NetworkMapper.Settings.defaults().withMapper(mapper).withBudget(Budget.evaluations(BUDGET)).withThreads(1);
    }

    static NetworkMapper.Settings settings() {
        return settings(Mappers.byName("default"));
    }

    /** Runs the command line in-process: exit code, stdout, stderr. */
    static String[] cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    /** A mapping as Timeloop text, which shows every factor, permutation and keep choice. */
    static String text(LayerResult r, Architecture a) {
        return MappingWriter.write(r.mapping(), r.layer().workload(), a);
    }

    /** The default mapper, counting the searches it serves (one mapper per search thread). */
    static final class Counting implements MapperProvider {
        final MapperProvider inner = Mappers.byName("default");
        final AtomicInteger created = new AtomicInteger();

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public String description() {
            return inner.description();
        }

        @Override
        public Mapper create() {
            created.incrementAndGet();
            return inner.create();
        }
    }

    /** Keeps checkpoints in memory, and which layers it was given. */
    static final class MemoryStore implements CheckpointStore {
        record Entry(String layer, String fingerprint, Checkpoint checkpoint) {
        }

        final Map<Integer, Entry> entries = new HashMap<>();
        final List<String> layersWritten = new ArrayList<>();
        final List<String> resumeAsked = new ArrayList<>();

        @Override
        public Optional<Checkpoint> resume(int index, String layer, String fingerprint, Workload w, Architecture a) {
            resumeAsked.add(layer);
            Entry e = entries.get(index);
            if (e == null || !e.layer().equals(layer) || !e.fingerprint().equals(fingerprint)) {
                return Optional.empty();
            }
            return Optional.of(e.checkpoint());
        }

        @Override
        public void writeCheckpoint(LayerResult r, String fingerprint) {
            entries.put(r.index(), new Entry(r.name(), fingerprint, new Checkpoint(r.mapping(), r.evaluations(),
                    r.valid(), r.seconds(), r.trace(), r.complete())));
        }

        @Override
        public void writeLayer(LayerResult r) {
            layersWritten.add(r.name());
        }
    }
}
