package org.mapwright.netmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.arch.Architecture;
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.mapspace.Constraints;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;

/** The library entry point maps a network as {@code mapwright map} does: same mappings, seeds, reuse and totals. */
class NetworkMapperTest {
    private static final Architecture EYERISS = Fixtures.arch("eyeriss_like");

    @Test
    void theApiGivesTheCommandLinesMappingsAndTotals(@TempDir Path dir) throws Exception {
        Path net = Files.writeString(dir.resolve("tiny.mw"), Fixtures.TINY);
        String[] r = Fixtures.cli("map", net.toString(), "--arch", "eyeriss_like", "--budget-evals",
                Long.toString(Fixtures.BUDGET), "--threads", "1", "--json");
        assertEquals("0", r[0], r[2]);
        JsonNode j = new ObjectMapper().readTree(r[1]);

        NetworkResult res = new NetworkMapper(Fixtures.settings()).map(Fixtures.tiny(), EYERISS);
        assertEquals(3, res.layers().size());
        for (int i = 0; i < 3; i++) {
            JsonNode l = j.get("layers").get(i);
            LayerResult x = res.layers().get(i);
            assertEquals(l.get("name").asText(), x.name());
            assertEquals(i, x.index());
            assertEquals(l.get("timeloop_mapping").asText(), Fixtures.text(x, EYERISS), x.name());
            assertEquals(l.get("energy_pj").asDouble(), x.evaluation().energyPj(), 0, x.name());
            assertEquals(l.get("cycles").asLong(), x.evaluation().cycles(), x.name());
            assertEquals(l.get("lower_bound_edp").asDouble(), x.lowerBound().edp(), 0, x.name());
            assertEquals(l.get("seed").asLong(), x.seed(), x.name());
            assertEquals(l.get("evaluations").asLong(), x.evaluations(), x.name());
            assertEquals(Optional.ofNullable(l.get("same_as")).map(JsonNode::asText), x.sameAs(), x.name());
            assertTrue(l.get("mapping").asText().contains(" for " + x.target() + " on eyeriss_like"), x.target());
        }
        assertEquals("tiny.b", res.layers().get(1).target());
        assertEquals(j.get("total").get("energy_pj").asDouble(), res.energyPj(), 0);
        assertEquals(j.get("total").get("cycles").asLong(), res.cycles());
        assertEquals(j.get("total").get("edp").asDouble(), res.edp(), 0);
    }

    @Test
    void totalsAddEveryLayerTimesItsRepeatCount() {
        NetworkResult res = new NetworkMapper(Fixtures.settings()).map(Fixtures.tiny(), EYERISS);
        double energy = 0;
        long cycles = 0;
        long macs = 0;
        for (LayerResult r : res.layers()) {
            energy += r.evaluation().energyPj() * r.layer().repeat();
            cycles += r.evaluation().cycles() * r.layer().repeat();
            macs += r.layer().workload().macs() * r.layer().repeat();
        }
        assertEquals(energy, res.energyPj(), 0);
        assertEquals(cycles, res.cycles());
        assertEquals(macs, res.macs());
        assertEquals(Fixtures.tiny().macs(), res.macs());
        // the network's EDP is total energy (J) times total cycles, not the sum of the layers' EDPs
        assertEquals(energy * 1e-12 * cycles, res.edp(), 1e-12 * res.edp());
        assertNotEquals(res.layers().stream().mapToDouble(r -> r.evaluation().edp() * r.repeat()).sum(), res.edp());
    }

    @Test
    void identicalLayersAreSearchedOnceAndReused() {
        Fixtures.Counting mapper = new Fixtures.Counting();
        NetworkResult res = new NetworkMapper(Fixtures.settings(mapper)).map(Fixtures.tiny(), EYERISS);
        assertEquals(2, mapper.created.get(), "a and b are searched, c (a's shape) is not");
        LayerResult a = res.layers().get(0);
        LayerResult c = res.layers().get(2);
        assertEquals(Optional.of("a"), c.sameAs());
        assertEquals(Optional.empty(), a.sameAs());
        assertEquals(a.mapping(), c.mapping());
        assertEquals(a.evaluation(), c.evaluation());
        assertEquals(a.seed(), c.seed());
        assertEquals(0, c.evaluations());
        assertEquals(2, c.index());
        assertEquals(3, c.repeat());
        assertEquals("tiny.c", c.target());
    }

    @Test
    void aLayerMappedAloneIsSearchedAsInTheWholeNetwork() {
        NetworkMapper m = new NetworkMapper(Fixtures.settings());
        Network tiny = Fixtures.tiny();
        NetworkResult all = m.map(tiny, EYERISS);
        NetworkResult onlyB = m.map(tiny, EYERISS, w -> Constraints.NONE, List.of(1), Listener.NONE, CheckpointStore.NONE);
        assertEquals(1, onlyB.layers().size());
        LayerResult b = onlyB.layers().get(0);
        assertEquals(NetworkMapper.layerSeeds(Fixtures.settings().seed(), 3)[1], b.seed());
        assertEquals(all.layers().get(1).seed(), b.seed());
        assertEquals(Fixtures.text(all.layers().get(1), EYERISS), Fixtures.text(b, EYERISS));
        assertEquals(all.layers().get(1).evaluation(), b.evaluation());
        // b then a: each keeps its own seed whatever the order
        NetworkResult ba = m.map(tiny, EYERISS, w -> Constraints.NONE, List.of(1, 0), Listener.NONE, CheckpointStore.NONE);
        assertEquals(all.layers().get(0).seed(), ba.layers().get(1).seed());
        assertEquals(Fixtures.text(all.layers().get(0), EYERISS), Fixtures.text(ba.layers().get(1), EYERISS));
        // another root seed, other layer seeds
        NetworkResult reseeded = new NetworkMapper(Fixtures.settings().withSeed(7)).map(tiny, EYERISS);
        assertNotEquals(all.layers().get(1).seed(), reseeded.layers().get(1).seed());
    }

    @Test
    void layersOfNoNetworkAreNamedByThemselves() {
        List<Layer> layers = Fixtures.tiny().layers();
        NetworkResult res = new NetworkMapper(Fixtures.settings()).map(layers, EYERISS);
        assertEquals(List.of("a", "b", "c"), res.layers().stream().map(LayerResult::target).toList());
        assertEquals(new NetworkMapper(Fixtures.settings()).map(Fixtures.tiny(), EYERISS).edp(), res.edp());
    }

    @Test
    void aLayerThatCannotBeMappedIsALocatedError() {
        Library lib = Frontend.loadText("c.mw", """
                include "builtin:eyeriss_like.mw"
                include "builtin:layers.mw"
                layer big = conv2d(C = 64, M = 64, P = 8, Q = 8)
                layer one = conv2d(C = 1, M = 1, P = 2, Q = 1)
                constraints wide on eyeriss_like { shared_glb { spatial M=64 } }
                constraints busy { utilization 0.5 }
                """);
        NetworkMapper m = new NetworkMapper(Fixtures.settings());
        List<Layer> one = List.of(new Layer("one", lib.layers().get("one"), 1));
        Constraints busy = lib.constraints().get("busy").constraints();
        UnmappableLayerException e = assertThrows(UnmappableLayerException.class,
                () -> m.map(one, EYERISS, w -> busy, List.of(0), Listener.NONE, CheckpointStore.NONE));
        assertEquals(UnmappableLayerException.Kind.NO_MAPSPACE, e.kind());
        assertEquals("layer one: error: The minimum utilization 0.5 needs 84 of 168 compute units busy, but the "
                + "constraints and bounds allow at most 4; lower the minimum.", e.diagnostic().format());

        List<Layer> big = List.of(new Layer("big", lib.layers().get("big"), 1));
        Constraints wide = lib.constraints().get("wide").constraints();
        UnmappableLayerException nf = assertThrows(UnmappableLayerException.class,
                () -> m.map(big, EYERISS, w -> wide, List.of(0), Listener.NONE, CheckpointStore.NONE));
        assertEquals(UnmappableLayerException.Kind.NOT_FOUND, nf.kind());
        assertEquals("big", nf.layer());
        assertTrue(nf.reason().startsWith("No legal mapping found in 2,000 evaluations; most candidates broke "),
                nf.reason());

        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> m.map(one, EYERISS, w -> Constraints.NONE, List.of(0, 0), Listener.NONE, CheckpointStore.NONE));
        assertEquals("Layer index 0 is selected twice; select each layer once.", twice.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> m.map(one, EYERISS, w -> Constraints.NONE, List.of(1), Listener.NONE, CheckpointStore.NONE));
    }
}
