package org.mapwright.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mapwright.netspace.Nb201Space;
import org.mapwright.netspace.NetSpace;
import org.mapwright.netspace.OfaSpace;
import org.mapwright.testing.Tiny;
import org.mapwright.workload.Dim;
import org.mapwright.workload.IndexExpr;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.TensorId;
import org.mapwright.workload.Term;
import org.mapwright.workload.Workload;

/** {@link NetworkWriter} writes self-contained text that the front end reads back to an equal network. */
class NetworkWriterTest {

    static Network roundTrip(Network n) {
        String text = NetworkWriter.write(n);
        assertFalse(text.contains("include"), text);
        Library lib = Frontend.loadText("written.mw", text);
        assertEquals(Set.of(n.name()), lib.networks().keySet(), text);
        return lib.networks().get(n.name());
    }

    private static void assertRoundTrips(Network n) {
        Network back = roundTrip(n);
        String text = NetworkWriter.write(n);
        // the layers one by one first, so that a failure names the layer rather than printing two whole networks
        assertEquals(n.layers().size(), back.layers().size(), text);
        for (int i = 0; i < n.layers().size(); i++) {
            assertEquals(n.layers().get(i), back.layers().get(i), text);
        }
        assertEquals(n, back, text);
    }

    @TestFactory
    Stream<DynamicTest> everyBuiltinNetworkReadsBackEqual() throws IOException {
        List<Network> all = new ArrayList<>();
        for (Path p : BuiltinLibraryTest.builtinFiles()) {
            all.addAll(Frontend.load(List.of(p)).networks().values());
        }
        Set<String> names = new HashSet<>(all.stream().map(Network::name).toList());
        assertTrue(names.containsAll(List.of("resnet50", "vgg16", "mobilenet_v2", "alexnet", "bert_base")), names.toString());
        return all.stream().map(n -> DynamicTest.dynamicTest(n.name(), () -> assertRoundTrips(n)));
    }

    @Test
    void builtinNetworksLoadedByNameReadBackEqual() {
        for (String name : List.of("resnet50", "vgg16", "mobilenet_v2", "alexnet", "bert_base")) {
            assertRoundTrips(Frontend.loadBuiltin(name + ".mw").networks().get(name));
        }
    }

    /** Layers of one einsum share a declaration; the others get their own, and two texts load side by side. */
    @Test
    void layersShareDeclarationsAndTwoNetworksLoadTogether() {
        Network resnet = Frontend.loadBuiltin("resnet50.mw").networks().get("resnet50");
        Network bert = Frontend.loadBuiltin("bert_base.mw").networks().get("bert_base");
        String r = NetworkWriter.write(resnet);
        String b = NetworkWriter.write(bert);
        // conv2d with stride 1 and with stride 2 are different einsums, and fc1000 is a matmul; bert has matmul and
        // batched_matmul
        assertEquals(3, declarations(r), r);
        assertEquals(2, declarations(b), b);
        Library both = Frontend.loadText("both.mw", r + b);
        assertEquals(resnet, both.networks().get("resnet50"));
        assertEquals(bert, both.networks().get("bert_base"));
    }

    @Test
    void generatedNetworksReadBackEqual() {
        SplittableRandom rnd = new SplittableRandom(20240610);
        for (NetSpace space : List.<NetSpace>of(new OfaSpace(), new Nb201Space())) {
            for (int i = 0; i < 50; i++) {
                assertRoundTrips(space.random(rnd).network("cand_" + i));
            }
            for (var named : space.named()) {
                assertRoundTrips(named.network("named"));
            }
        }
    }

    @Test
    void testNetworksReadBackEqual() {
        assertRoundTrips(Frontend.loadText("tiny.mw", Tiny.NETWORK).networks().get("tiny"));
        Workload conv = Tiny.conv(8, 4, 3);
        assertRoundTrips(new Network("t", List.of(new Layer("tiny", conv, 1))));
    }

    /**
     * Offsets, several terms, coefficients that are not the index's, an unused dimension, a repeat, and names that
     * are keywords where the DSL allows them.
     */
    @Test
    void everyPartOfAnEinsumReadsBack() {
        Dim p = Dim.of("none");
        Dim r = Dim.of("x");
        Dim k = Dim.of("repeat");
        Dim spare = Dim.of("all");
        Map<Dim, Long> bounds = new LinkedHashMap<>();
        bounds.put(k, 3L);
        bounds.put(p, 7L);
        bounds.put(r, 2L);
        bounds.put(spare, 5L);
        Map<String, Long> coefs = new LinkedHashMap<>();
        coefs.put("stride", 3L);
        coefs.put("space", 11L);
        Workload w = new Workload("repeat", List.of(k, p, r, spare), bounds, List.of(
                new Tensor(TensorId.of("dims"), List.of(new IndexExpr(List.of(new Term(r, 5), new Term(p, 3)), 4),
                        IndexExpr.of(k)), false),
                new Tensor(TensorId.of("coefs"), List.of(new IndexExpr(List.of(new Term(k, 2147483647L)), 2147483647L)), false),
                new Tensor(TensorId.of("layer_out"), List.of(IndexExpr.of(p), IndexExpr.of(k)), true)), coefs);
        // a layer named `repeat` right after a layer's repeat count
        Layer first = new Layer("space", w.withName("space"), 1_000_000);
        Layer second = new Layer("repeat", w, 1);
        assertRoundTrips(new Network("dims", List.of(first, second)));

        Map<String, Long> reversed = new LinkedHashMap<>();
        reversed.put("space", 11L);
        reversed.put("stride", 3L);
        Layer third = new Layer("third", new Workload("third", w.dims(), w.bounds(), w.tensors(), reversed), 1);
        Network back = roundTrip(new Network("dims", List.of(first, second, third)));
        assertEquals(List.of("stride", "space"), List.copyOf(back.layers().get(1).workload().coefficients().keySet()));
        assertEquals(List.of("space", "stride"), List.copyOf(back.layers().get(2).workload().coefficients().keySet()));
    }

    @Test
    void whatTheDslCannotSayIsRefused() {
        Workload conv = Tiny.conv(8, 4, 3);
        assertEquals("Layer a of network n runs a workload named `tiny`, but the DSL names a layer's workload after the "
                + "layer; give it the layer's name (Workload.withName) before writing the network.",
                refusal(new Network("n", List.of(new Layer("a", conv, 1)))));
        assertEquals("The layer name `level` is not a DSL name; rename it to letters, digits and underscores that are not "
                + "a keyword.", refusal(new Network("n", List.of(new Layer("level", conv.withName("level"), 1)))));
        assertEquals("The network name `res-net` is not a DSL name; rename it to letters, digits and underscores that are "
                + "not a keyword.", refusal(new Network("res-net", List.of(new Layer("tiny", conv, 1)))));
        assertEquals("Layer tiny repeats 1000001 times, more than the 1000000 the DSL accepts; split it into several layers.",
                refusal(new Network("n", List.of(new Layer("tiny", conv, 1_000_001)))));

        List<Tensor> t = conv.tensors();
        Workload outputFirst = new Workload("w", conv.dims(), conv.bounds(), List.of(t.get(2), t.get(0), t.get(1)), Map.of());
        assertEquals("The tensors of workload w are [Out[M, P], W[M, R], In[P + R]], but a DSL einsum lists at least one "
                + "operand and then the output; put the output last.", refusal(single(outputFirst)));
        Workload onlyOutput = new Workload("w", conv.dims(), conv.bounds(), List.of(t.get(2)), Map.of());
        assertTrue(refusal(single(onlyOutput)).contains("at least one operand"));

        Workload clash = new Workload("w", conv.dims(), conv.bounds(), t, Map.of("In", 1L));
        assertEquals("The name `In` is used twice among the dimensions, coefficients and tensors of workload w; the DSL "
                + "needs a distinct name for each.", refusal(single(clash)));
        Workload zeroCoef = new Workload("w", conv.dims(), conv.bounds(), t, Map.of("stride", 0L));
        assertEquals("Coefficient stride of workload w is 0, but the DSL writes only whole numbers from 1 to 2147483647; "
                + "change the value.", refusal(single(zeroCoef)));
        Tensor shifted = new Tensor(TensorId.of("In"), List.of(new IndexExpr(List.of(Term.of(Dim.of("P"))), -1)), false);
        Workload negative = new Workload("w", conv.dims(), conv.bounds(), List.of(t.get(0), shifted, t.get(2)), Map.of());
        assertEquals("The offset of index P + -1 of In[P + -1] in workload w is -1, but the DSL writes only whole numbers "
                + "from 1 to 2147483647; change the value.", refusal(single(negative)));
        Map<Dim, Long> huge = new LinkedHashMap<>(conv.bounds());
        huge.put(Dim.of("M"), 1L << 31);
        assertEquals("The bound of dimension M of layer w is 2147483648, but the DSL writes only whole numbers from 1 to "
                + "2147483647; change the value.", refusal(single(new Workload("w", conv.dims(), huge, t, Map.of()))));
    }

    private static long declarations(String text) {
        return text.lines().filter(l -> l.startsWith("workload ")).count();
    }

    private static Network single(Workload w) {
        return new Network("n", List.of(new Layer(w.name(), w, 1)));
    }

    private static String refusal(Network n) {
        return assertThrows(IllegalArgumentException.class, () -> NetworkWriter.write(n)).getMessage();
    }
}
