package org.mapwright.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.mapwright.api.MapOptions;
import org.mapwright.api.Mapwright;
import org.mapwright.arch.Architecture;
import org.mapwright.diag.Suggestions;
import org.mapwright.dsl.BoundMapping;
import org.mapwright.dsl.Library;
import org.mapwright.dsl.NamedConstraints;
import org.mapwright.netmap.LayerResult;
import org.mapwright.search.Metric;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;
import org.mapwright.workload.Workload;

/**
 * What each request does, given its checked envelope: reads its fields, finds what it names (in the request's own
 * {@code dsl} first, then through the {@link Mapwright} facade: built-in names and files), and runs it through the
 * facade, whose cache answers a map request met again.
 */
final class Operations {
    /** The name under which a request's DSL text is read; messages locate errors in it as {@code request.mw:L:C}. */
    static final String DSL_NAME = "request.mw";

    private static final List<String> LAYERS_FIELDS = List.of("schema_version", "id", "op", "dsl", "network");
    private static final List<String> EVALUATE_FIELDS = List.of("schema_version", "id", "op", "dsl", "mapping");
    private static final List<String> MAP_FIELDS = List.of("schema_version", "id", "op", "dsl", "network", "layer",
            "accelerator", "constraints", "options");
    private static final List<String> OPTION_FIELDS = List.of("mapper", "budget_evals", "seed", "threads", "objective");

    private final Mapwright mw;
    private final int maxSearchThreads;

    Operations(Mapwright mw, int maxSearchThreads) {
        this.mw = mw;
        this.maxSearchThreads = maxSearchThreads;
    }

    ObjectNode version() {
        ObjectNode o = ResultJson.MAPPER.createObjectNode();
        o.put("version", Mapwright.version());
        o.putArray("schema_versions").add(Service.SCHEMA_VERSION);
        ArrayNode ops = o.putArray("ops");
        Service.OPS.forEach(ops::add);
        return o;
    }

    ObjectNode list() {
        ObjectNode o = ResultJson.MAPPER.createObjectNode();
        Mapwright.BUILTIN_NETWORKS.forEach(o.putArray("networks")::add);
        Mapwright.BUILTIN_ACCELERATORS.forEach(o.putArray("accelerators")::add);
        Mapwright.mappers().forEach(o.putArray("mappers")::add);
        Arrays.stream(Metric.values()).map(Metric::label).forEach(o.putArray("metrics")::add);
        return o;
    }

    ObjectNode layers(ObjectNode req) {
        Fields f = new Fields(req, "a layers request", LAYERS_FIELDS);
        Library lib = f.text("dsl").map(this::load).orElse(null);
        Optional<String> name = f.text("network");
        if (name.isPresent()) {
            return ResultJson.layers(network(name.get(), lib));
        }
        if (lib != null && lib.networks().size() == 1) {
            return ResultJson.layers(lib.networks().values().iterator().next());
        }
        throw Fields.bad(lib == null ? "A layers request needs `network`: a built-in name, a file, or a network its "
                + "`dsl` declares." : "The request's dsl declares " + lib.networks().size() + " networks; name one "
                + "with `network`.");
    }

    ObjectNode evaluate(ObjectNode req) {
        Fields f = new Fields(req, "an evaluate request", EVALUATE_FIELDS);
        Library lib = load(f.requiredText("dsl"));
        Optional<String> name = f.text("mapping");
        BoundMapping m;
        if (name.isPresent()) {
            m = lib.mappings().get(name.get());
            if (m == null) {
                throw new RequestException(ErrorCode.NOT_FOUND, "The request's dsl declares no mapping `" + name.get()
                        + "`" + Suggestions.hint(name.get(), lib.mappings().keySet()));
            }
        } else if (lib.mappings().size() == 1) {
            m = lib.mappings().values().iterator().next();
        } else {
            throw new RequestException(ErrorCode.BAD_INPUT, lib.mappings().isEmpty()
                    ? "The request's dsl declares no mapping; add a `mapping NAME for LAYER on ACCELERATOR { ... }` "
                        + "declaration."
                    : "The request's dsl declares " + lib.mappings().size() + " mappings (" + String.join(", ",
                        lib.mappings().keySet()) + "); choose one with `mapping`.");
        }
        return ResultJson.evaluation(m, mw.evaluate(m.workload(), m.architecture(), m.mapping()));
    }

    ObjectNode map(ObjectNode req) {
        long start = System.nanoTime();
        Fields f = new Fields(req, "a map request", MAP_FIELDS);
        Library lib = f.text("dsl").map(this::load).orElse(null);
        Optional<String> constraints = f.text("constraints");
        MapOptions options = options(f.object("options"), lib, constraints);
        Architecture arch = accelerator(f.requiredText("accelerator"), lib);
        Optional<String> networkName = f.text("network");
        Optional<String> layer = f.text("layer");
        Network network = null;
        Workload alone = null;
        if (networkName.isPresent()) {
            network = network(networkName.get(), lib);
        } else if (lib != null && layer.isPresent() && lib.layers().containsKey(layer.get())) {
            alone = lib.layers().get(layer.get());
        } else if (lib != null && lib.networks().size() == 1) {
            network = lib.networks().values().iterator().next();
        } else if (lib != null && lib.networks().isEmpty() && lib.layers().size() == 1 && layer.isEmpty()) {
            alone = lib.layers().values().iterator().next();
        } else if (lib != null && lib.networks().isEmpty() && layer.isPresent()) {
            throw new RequestException(ErrorCode.NOT_FOUND, "The request's dsl declares no layer `" + layer.get()
                    + "`" + Suggestions.hint(layer.get(), lib.layers().keySet()));
        } else {
            throw Fields.bad(lib == null ? "A map request needs `network` (a built-in name or a file) or `dsl`."
                    : "The request's dsl declares " + lib.networks().size() + " networks and " + lib.layers().size()
                    + " top-level layers; name one with `network` or `layer`.");
        }
        List<LayerResult> results;
        if (alone != null) {
            results = List.of(mw.map(alone, arch, options));
        } else if (layer.isPresent()) {
            Network n = network;
            if (n.layer(layer.get()).isEmpty()) {
                throw new RequestException(ErrorCode.NOT_FOUND, "Network " + n.name() + " has no layer `" + layer.get()
                        + "`" + Suggestions.hint(layer.get(), n.layers().stream().map(Layer::name).toList()));
            }
            results = List.of(mw.map(n, layer.get(), arch, options));
        } else {
            results = mw.map(network, arch, options).layers();
        }
        return ResultJson.map(network == null ? null : network.name(), arch.name(), options, constraints.orElse(null),
                results, (System.nanoTime() - start) / 1e9);
    }

    private MapOptions options(Optional<ObjectNode> given, Library lib, Optional<String> constraints) {
        MapOptions o = MapOptions.defaults();
        if (constraints.isPresent()) {
            NamedConstraints c = lib == null ? null : lib.constraints().get(constraints.get());
            if (c == null) {
                throw new RequestException(ErrorCode.NOT_FOUND, "The request's dsl declares no constraints `"
                        + constraints.get() + "`" + Suggestions.hint(constraints.get(),
                        lib == null ? List.of() : lib.constraints().keySet()));
            }
            o = o.withConstraints(c.constraints());
        }
        if (given.isEmpty()) {
            return o;
        }
        Fields f = new Fields(given.get(), "a map request's options", OPTION_FIELDS);
        try {
            o = o.withMapper(f.text("mapper").orElse(o.mapper()))
                    .withEvaluations(f.integer("budget_evals", 1, Long.MAX_VALUE).orElse(o.evaluations()))
                    .withSeed(f.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE).orElse(o.seed()))
                    .withThreads(f.integer("threads", 1, maxSearchThreads).orElse((long) o.threads()).intValue())
                    .withObjective(f.text("objective").orElse(o.objective()));
        } catch (IllegalArgumentException e) {
            throw Fields.bad(e.getMessage());
        }
        return o;
    }

    private Library load(String dsl) {
        return mw.load(DSL_NAME, dsl);
    }

    /** A network the request's dsl declares, else one the facade finds (a built-in name or a file). */
    private Network network(String name, Library lib) {
        if (lib != null && lib.networks().containsKey(name)) {
            return lib.networks().get(name);
        }
        try {
            return mw.network(name);
        } catch (IllegalArgumentException e) {
            throw notFound(name, e, lib == null ? List.of() : List.copyOf(lib.networks().keySet()), "networks");
        }
    }

    /** An accelerator the request's dsl declares, else one the facade finds (a built-in name or a file). */
    private Architecture accelerator(String name, Library lib) {
        if (lib != null && lib.accelerators().containsKey(name)) {
            return lib.accelerators().get(name);
        }
        try {
            return mw.accelerator(name);
        } catch (IllegalArgumentException e) {
            throw notFound(name, e, lib == null ? List.of() : List.copyOf(lib.accelerators().keySet()),
                    "accelerators");
        }
    }

    /** The facade's refusal: not found when no such file exists, else bad input (a file that declares two, say). */
    private static RequestException notFound(String name, IllegalArgumentException e, List<String> declared,
                                             String what) {
        if (exists(name)) {
            return new RequestException(ErrorCode.BAD_INPUT, e.getMessage());
        }
        return new RequestException(ErrorCode.NOT_FOUND, e.getMessage() + (declared.isEmpty() ? ""
                : " The request's dsl declares the " + what + " " + String.join(", ", declared) + "."));
    }

    private static boolean exists(String spec) {
        try {
            int colon = spec.lastIndexOf(':');
            return Files.exists(Path.of(spec)) || (colon > 0 && Files.exists(Path.of(spec.substring(0, colon))));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
