#!/usr/bin/env python3
"""Map every layer of a network with Mapwright's mapping service and print a table.

The network is a built-in name (resnet50, alexnet, ...), a DSL file, or an ONNX model (model.onnx) when the
Mapwright build reads ONNX. The script starts `java -jar target/mapwright.jar serve --stdio`, asks for the
network's layers, sends one `map` request per layer (they run concurrently in the service and are answered in any
order, matched by id), and prints each layer's energy, cycles, EDP and utilization with network totals. Python 3
standard library only; the protocol is docs/service.md.

    python3 examples/map_onnx.py resnet50 --accelerator eyeriss_like --budget-evals 5000
    python3 examples/map_onnx.py model.onnx --json result.json
"""

import argparse
import json
import os
import subprocess
import sys
import threading

SCHEMA_VERSION = 1


class Service:
    """A `mapwright serve --stdio` subprocess: send requests, wait for the response with a given id."""

    def __init__(self, command):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     encoding="utf-8", bufsize=1)
        self.responses = {}
        self.done = threading.Condition()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            response = json.loads(line)
            with self.done:
                self.responses[json.dumps(response["id"])] = response
                self.done.notify_all()
        with self.done:
            self.responses[None] = None  # the service is gone
            self.done.notify_all()

    def send(self, op, **fields):
        """Sends one request and returns its id."""
        self.next_id += 1
        request = {"schema_version": SCHEMA_VERSION, "id": self.next_id, "op": op, **fields}
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        return self.next_id

    def wait(self, request_id):
        """The response to the request with this id."""
        key = json.dumps(request_id)
        with self.done:
            while key not in self.responses:
                if None in self.responses:
                    raise SystemExit("mapwright: the service stopped before answering; see its messages above.")
                self.done.wait()
            return self.responses.pop(key)

    def close(self):
        self.proc.stdin.close()
        return self.proc.wait()


def fail(response):
    error = response["error"]
    print(f"mapwright: {error['code']}: {error['message']}", file=sys.stderr)
    return 2


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("network", help="a built-in network, a DSL file or an ONNX model (.onnx)")
    parser.add_argument("--accelerator", default="eyeriss_like", help="a built-in accelerator or a DSL file")
    parser.add_argument("--mapper", default="default")
    parser.add_argument("--budget-evals", type=int, default=20000, help="evaluations per layer")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--objective", default="edp")
    parser.add_argument("--jar", default="target/mapwright.jar", help="the Mapwright jar (default: %(default)s)")
    parser.add_argument("--classpath", help="run the service from this class path instead of --jar")
    parser.add_argument("--java", default="java", help="the java command (default: %(default)s)")
    parser.add_argument("--json", metavar="FILE", help="also write the per-layer results as JSON to FILE")
    args = parser.parse_args(argv)

    network = args.network
    if network.endswith((".onnx", ".mw")) or os.sep in network:
        network = os.path.abspath(network)
    if args.classpath:
        command = [args.java, "-cp", args.classpath, "org.mapwright.cli.Main", "serve", "--stdio"]
    else:
        command = [args.java, "-jar", args.jar, "serve", "--stdio"]
    service = Service(command)
    try:
        layers = service.wait(service.send("layers", network=network))
        if "error" in layers:
            return fail(layers)
        options = {"mapper": args.mapper, "budget_evals": args.budget_evals, "seed": args.seed,
                   "objective": args.objective}
        # every layer at once: the service runs them on its pool and answers as each finishes
        ids = [(layer, service.send("map", network=network, layer=layer["name"], accelerator=args.accelerator,
                                    options=options))
               for layer in layers["result"]["layers"]]
        rows = []
        for layer, request_id in ids:
            response = service.wait(request_id)
            if "error" in response:
                return fail(response)
            rows.append((layer, response["result"]["layers"][0]))
    finally:
        service.close()

    name = layers["result"]["network"]
    print(f"{name} on {args.accelerator} (mapper {args.mapper}, {args.budget_evals} evaluations per layer, "
          f"seed {args.seed})")
    width = max([5] + [len(layer["name"]) for layer, _ in rows])
    print(f"{'layer':<{width}} {'repeat':>6} {'MACs':>15} {'energy (uJ)':>13} {'cycles':>14} {'EDP (J*cyc)':>12} "
          f"{'util':>6}")
    energy_pj = 0.0
    cycles = 0
    macs = 0
    for layer, r in rows:
        print(f"{layer['name']:<{width}} {layer['repeat']:>6} {r['macs']:>15,} {r['energy_pj'] / 1e6:>13.3f} "
              f"{r['cycles']:>14,} {r['edp']:>12.4g} {r['utilization']:>6.1%}")
        energy_pj += r["energy_pj"] * layer["repeat"]
        cycles += r["cycles"] * layer["repeat"]
        macs += r["macs"] * layer["repeat"]
    print(f"{'total':<{width}} {'':>6} {macs:>15,} {energy_pj / 1e6:>13.3f} {cycles:>14,} "
          f"{energy_pj * 1e-12 * cycles:>12.4g}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"network": name, "accelerator": args.accelerator, "options": options,
                       "layers": [r for _, r in rows],
                       "total": {"macs": macs, "energy_pj": energy_pj, "cycles": cycles,
                                 "edp": energy_pj * 1e-12 * cycles}}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
