package org.mapwright.timeloop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mapwright.diag.Diagnostics;
import org.mapwright.diag.SourceSpan;

/**
 * Flattens a Timeloop architecture tree into its leaf elements in traversal order (outermost first), with instance
 * counts multiplied down the tree and attributes inherited from enclosing subtrees or containers.
 *
 * <p>v0.3: {@code subtree: [{name, attributes, local: [...], subtree: [...]}]}, where {@code name[0..N]} on a
 * subtree or a local element means N+1 instances of it. v0.4: {@code nodes: [...]} of {@code !Container}
 * (optionally with {@code spatial: {meshX, meshY}}), {@code !Component} and nested {@code !Hierarchical} lists.
 */
final class ArchTree {
    /** Largest instance count accepted for any element. */
    static final long MAX_INSTANCES = 1L << 24;

    private static final Pattern RANGE = Pattern.compile("^(.*?)\\[\\s*([0-9]+)\\s*\\.\\.\\s*([0-9]+)\\s*\\]$");

    /**
     * One leaf element.
     *
     * @param name       the element's name without its instance range
     * @param nameNode   where the name is written
     * @param className  the element's class, or null when it has none
     * @param classNode  where the class is written (the name when it has none)
     * @param attributes its own attributes over inherited ones
     * @param instances  total instances in the design
     * @param meshX      the mesh width given by the tree (v0.4 spatial), or 0 to take it from the attributes
     * @param meshY      the mesh height given by the tree (v0.4), or 0
     */
    record Element(String name, YamlScalar nameNode, String className, YamlNode classNode,
                   Map<String, YamlMap.Entry> attributes, long instances, long meshX, long meshY) {
    }

    private final Diagnostics d;
    private final List<Element> out = new ArrayList<>();

    private ArchTree(Diagnostics d) {
        this.d = d;
    }

    /** The leaf elements of an architecture section, or an empty list after reporting errors. */
    static List<Element> flatten(YamlMap arch, SourceSpan where, Diagnostics d) {
        ArchTree t = new ArchTree(d);
        if (arch.has("subtree")) {
            t.subtrees(arch.get("subtree").orElseThrow(), 1, new LinkedHashMap<>());
        } else if (arch.has("nodes")) {
            t.nodes(arch.get("nodes").orElseThrow(), 1, 1, new LinkedHashMap<>());
        } else {
            d.error(where, "The 'architecture' section needs a 'subtree' list (Timeloop v0.3) or a 'nodes' list "
                    + "(v0.4); add one.");
        }
        return t.out;
    }

    private void subtrees(YamlNode list, long outer, Map<String, YamlMap.Entry> inherited) {
        List<YamlNode> items = Nodes.items(list, "'subtree'", d);
        if (items == null) {
            return;
        }
        for (YamlNode item : items) {
            YamlMap m = Nodes.map(item, "a subtree", d);
            if (m == null) {
                continue;
            }
            YamlMap.Entry n = Nodes.require(m, m.span(), "a subtree", d, "name");
            YamlScalar nameNode = n == null ? null : Nodes.scalar(n.value(), "a subtree name", d);
            long count = nameNode == null ? 1 : count(nameNode);
            long instances = multiply(outer, count, nameNode == null ? m.span() : nameNode.span());
            Map<String, YamlMap.Entry> attrs = attributes(m, inherited);
            m.get("local").ifPresent(local -> locals(local, instances, attrs));
            m.get("subtree").ifPresent(sub -> subtrees(sub, instances, attrs));
        }
    }

    private void locals(YamlNode list, long outer, Map<String, YamlMap.Entry> inherited) {
        List<YamlNode> items = Nodes.items(list, "'local'", d);
        if (items == null) {
            return;
        }
        for (YamlNode item : items) {
            YamlMap m = Nodes.map(item, "a local element", d);
            if (m == null) {
                continue;
            }
            YamlMap.Entry n = Nodes.require(m, m.span(), "a local element", d, "name");
            YamlScalar nameNode = n == null ? null : Nodes.scalar(n.value(), "an element name", d);
            if (nameNode == null) {
                continue;
            }
            long instances = multiply(outer, count(nameNode), nameNode.span());
            element(m, nameNode, instances, 0, 0, attributes(m, inherited));
        }
    }

    private void nodes(YamlNode list, long meshX, long meshY, Map<String, YamlMap.Entry> inherited) {
        List<YamlNode> items = Nodes.items(list, "'nodes'", d);
        if (items == null) {
            return;
        }
        long mx = meshX;
        long my = meshY;
        Map<String, YamlMap.Entry> attrs = new LinkedHashMap<>(inherited);
        for (YamlNode item : items) {
            YamlMap m = Nodes.map(item, "an architecture node", d);
            if (m == null) {
                continue;
            }
            String tag = m.tag().orElse(m.has("nodes") ? "Hierarchical" : m.has("class") ? "Component" : "Container");
            if (tag.equals("Hierarchical")) {
                Optional<YamlNode> sub = m.get("nodes");
                if (sub.isPresent()) {
                    nodes(sub.get(), mx, my, attrs);
                }
                continue;
            }
            if (!tag.equals("Container") && !tag.equals("Component")) {
                d.error(m.span(), "Architecture nodes tagged !" + tag + " are not supported; use !Container, "
                        + "!Component or !Hierarchical.");
                continue;
            }
            YamlMap.Entry n = Nodes.require(m, m.span(), "an architecture node", d, "name");
            YamlScalar nameNode = n == null ? null : Nodes.scalar(n.value(), "a node name", d);
            if (nameNode == null) {
                continue;
            }
            long[] mesh = spatial(m, nameNode.span());
            if (tag.equals("Container")) {
                mx = multiply(mx, mesh[0], nameNode.span());
                my = multiply(my, mesh[1], nameNode.span());
                attrs = attributes(m, attrs);
            } else {
                long ex = multiply(mx, mesh[0], nameNode.span());
                long ey = multiply(my, mesh[1], nameNode.span());
                element(m, nameNode, multiply(ex, ey, nameNode.span()), ex, ey, attributes(m, attrs));
            }
        }
    }

    private long[] spatial(YamlMap m, SourceSpan at) {
        long[] mesh = {1, 1};
        YamlMap s = m.get("spatial").map(v -> Nodes.map(v, "'spatial'", d)).orElse(null);
        if (s != null) {
            String[] keys = {"meshX", "meshY"};
            for (int i = 0; i < 2; i++) {
                final int k = i;
                s.get(keys[i]).ifPresent(v -> Nodes.integer(v, keys[k], 1, MAX_INSTANCES, d)
                        .ifPresent(x -> mesh[k] = x));
            }
        }
        return mesh;
    }

    private void element(YamlMap m, YamlScalar nameNode, long instances, long meshX, long meshY,
                         Map<String, YamlMap.Entry> attrs) {
        YamlMap.Entry cls = m.entry("class").orElse(null);
        String className = null;
        YamlNode classNode = nameNode;
        if (cls != null) {
            className = Nodes.name(cls.value(), "the class of " + baseName(nameNode.text()), d);
            classNode = cls.value();
        }
        out.add(new Element(baseName(nameNode.text()), nameNode, className, classNode, attrs, instances, meshX, meshY));
    }

    private Map<String, YamlMap.Entry> attributes(YamlMap m, Map<String, YamlMap.Entry> inherited) {
        Map<String, YamlMap.Entry> attrs = new LinkedHashMap<>(inherited);
        m.get("attributes").ifPresent(a -> {
            if (a instanceof YamlScalar && ((YamlScalar) a).isNull()) {
                return;
            }
            YamlMap am = Nodes.map(a, "'attributes'", d);
            if (am != null) {
                for (YamlMap.Entry e : am.entries()) {
                    attrs.put(e.name(), e);
                }
            }
        });
        return attrs;
    }

    /** Instances named by a {@code name[a..b]} range, 1 without one. */
    private long count(YamlScalar nameNode) {
        String n = nameNode.text().trim();
        Matcher r = RANGE.matcher(n);
        if (r.matches()) {
            OptionalLong lo = parse(r.group(2));
            OptionalLong hi = parse(r.group(3));
            if (lo.isPresent() && hi.isPresent() && hi.getAsLong() >= lo.getAsLong()
                    && hi.getAsLong() - lo.getAsLong() < MAX_INSTANCES) {
                return hi.getAsLong() - lo.getAsLong() + 1;
            }
            d.error(nameNode.span(), "The instance range of " + r.group(1) + " must be [first..last] with last >= "
                    + "first and at most 2^24 instances, but it is [" + r.group(2) + ".." + r.group(3) + "].");
            return 1;
        }
        if (n.indexOf('[') >= 0 || n.indexOf(']') >= 0) {
            d.error(nameNode.span(), "Cannot read the instance range in '" + n + "'; write it as name[0..N-1] for N "
                    + "instances.");
        }
        return 1;
    }

    private static OptionalLong parse(String digits) {
        try {
            return OptionalLong.of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private long multiply(long a, long b, SourceSpan at) {
        if (b > MAX_INSTANCES / a) {
            d.error(at, "This multiplies the instance count beyond 2^24, more than Mapwright models; check the "
                    + "instance ranges and meshes.");
            return a;
        }
        return a * b;
    }

    /** The name without its instance range. */
    static String baseName(String name) {
        Matcher r = RANGE.matcher(name.trim());
        return r.matches() ? r.group(1).trim() : name.trim();
    }
}
