package org.mapwright.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.arch.Architecture;
import org.mapwright.cost.Evaluation;
import org.mapwright.netmap.LayerResult;
import org.mapwright.netmap.NetworkMapper;
import org.mapwright.netmap.NetworkResult;
import org.mapwright.search.Budget;
import org.mapwright.search.Mappers;
import org.mapwright.workload.Network;

/** The facade gives what the network mapper gives, keeps results by exact key, and refuses bad input clearly. */
class MapwrightTest {
    static final MapOptions FAST = MapOptions.defaults().withMapper("anneal").withEvaluations(300).withSeed(4);

    @Test
    void aNetworkMapsAsTheNetworkMapperMapsIt() {
        Mapwright mw = Mapwright.create();
        Network net = mw.network("alexnet");
        Architecture a = mw.accelerator("eyeriss_like");
        NetworkResult r = mw.map(net, a, FAST);
        NetworkResult direct = new NetworkMapper(NetworkMapper.Settings.defaults().withMapper(Mappers.byName("anneal"))
                .withBudget(Budget.evaluations(300)).withSeed(4).withThreads(1)).map(net, a);
        assertEquals(direct.layers().size(), r.layers().size());
        for (int i = 0; i < r.layers().size(); i++) {
            assertEquals(direct.layers().get(i).mapping(), r.layers().get(i).mapping(), "layer " + i);
            assertEquals(direct.layers().get(i).evaluation(), r.layers().get(i).evaluation(), "layer " + i);
        }
    }

    @Test
    void aRequestMetAgainIsAnsweredFromTheCacheAndAnotherSeedIsNot() {
        Mapwright mw = Mapwright.create();
        Network net = mw.network("alexnet");
        Architecture a = mw.accelerator("simple_ws");
        NetworkResult first = mw.map(net, a, FAST);
        assertSame(first, mw.map(mw.network("alexnet"), mw.accelerator("simple_ws"), FAST));
        NetworkResult other = mw.map(net, a, FAST.withSeed(5));
        assertTrue(other != first);
        assertEquals(1, mw.cacheCounts()[0]);
        assertEquals(2, mw.cacheCounts()[1]);
    }

    @Test
    void aLayerMapsAndItsMappingEvaluatesToItsCost() {
        Mapwright mw = Mapwright.create();
        var layer = mw.network("resnet50").layers().get(1).workload();
        Architecture a = mw.accelerator("eyeriss_like");
        LayerResult r = mw.map(layer, a, FAST);
        Evaluation e = mw.evaluate(layer, a, r.mapping());
        assertEquals(r.evaluation().energyPj(), e.energyPj(), 0);
        assertEquals(r.evaluation().cycles(), e.cycles());
    }

    @Test
    void anOnnxModelIsANetworkAndMapsLikeTheSameNetworkFromDsl() {
        Mapwright mw = Mapwright.create();
        Network onnx = mw.network("src/test/resources/onnx/tiny_cnn.onnx");
        assertEquals(8, onnx.layers().size());
        assertEquals(1_395_816L, onnx.layers().stream().mapToLong(l -> l.workload().macs() * l.repeat()).sum());
        Network again = mw.load("again", org.mapwright.dsl.NetworkWriter.write(onnx)).networks().get(onnx.name());
        Architecture a = mw.accelerator("eyeriss_like");
        assertEquals(mw.map(onnx, a, FAST).edp(), mw.map(again, a, FAST).edp());
        assertThrows(org.mapwright.diag.InputException.class,
                () -> mw.network("src/test/resources/onnx/not_onnx.onnx"));
    }

    @Test
    void filesAndNamesAreFoundAndBadOnesExplained(@TempDir Path dir) throws Exception {
        Mapwright mw = Mapwright.create();
        Path f = dir.resolve("two.mw");
        Files.writeString(f, "include \"builtin:layers.mw\"\nnetwork a { x = matmul(M = 4, N = 4, K = 4) }\n"
                + "network b { y = matmul(M = 8, N = 8, K = 8) }\n");
        assertEquals("b", mw.network(f + ":b").name());
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class, () -> mw.network(f.toString()));
        assertTrue(two.getMessage().contains("declares 2 networks; name one"), two.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> mw.network("resnet5"));
        assertTrue(none.getMessage().contains("the built-in networks are resnet50"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> mw.network(f + ":c"));
        assertThrows(IllegalArgumentException.class, () -> MapOptions.defaults().withMapper("nope"));
        assertThrows(IllegalArgumentException.class, () -> MapOptions.defaults().withEvaluations(0));
        assertEquals(List.of("eyeriss_like", "simple_ws", "simple_os", "simba_like", "nvdla_like"),
                Mapwright.BUILTIN_ACCELERATORS);
        assertTrue(Mapwright.mappers().contains("anneal"));
    }
}
