#!/usr/bin/env python3
"""Package loops inside a module, from its compiled classes (jdeps reads the bytecode, so every real reference
counts, imports or not; javadoc links do not).

    scripts/package-loops.py worker/target/classes dev.ganboard.worker

Prints the package graph's strongly connected components with more than one package and every elementary cycle
(a loop: p1 -> p2 -> ... -> p1 through distinct packages), pairs of packages that import each other, then
"loops: N". Exit status 1 when N > 0.
Needs the module compiled (./mvnw -pl worker -am compile) and jdeps from the JDK (JAVA_HOME or PATH).
"""

import os
import shutil
import subprocess
import sys


def jdeps_binary():
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "jdeps")):
        return os.path.join(home, "bin", "jdeps")
    found = shutil.which("jdeps")
    if found:
        return found
    sys.exit("package-loops: no jdeps (set JAVA_HOME to a JDK)")


def package_graph(classes, prefix):
    out = subprocess.run([jdeps_binary(), "-verbose:package", "-filter:none", classes], check=True,
                         capture_output=True, text=True).stdout
    graph = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 3 or parts[1] != "->":
            continue
        source, target = parts[0], parts[2]
        inside = lambda p: p == prefix or p.startswith(prefix + ".")
        if inside(source):
            graph.setdefault(source, set())
            if inside(target) and target != source:
                graph[source].add(target)
                graph.setdefault(target, set())
    return graph


def components(graph):
    """Tarjan's strongly connected components."""
    index, low, stack, on_stack, result, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            result.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return result


def elementary_cycles(graph):
    """Every simple cycle once, starting from its smallest package (fine for the dozen packages of a module)."""
    cycles = []
    nodes = sorted(graph)
    for start in nodes:
        def walk(v, path, seen):
            for w in sorted(graph[v]):
                if w == start:
                    cycles.append(path + [start])
                elif w > start and w not in seen:
                    walk(w, path + [w], seen | {w})
        walk(start, [start], {start})
    return cycles


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    classes, prefix = sys.argv[1], sys.argv[2]
    graph = package_graph(classes, prefix)
    short = lambda p: p[len(prefix) + 1:] if p != prefix else "(root)"
    print(f"{len(graph)} packages, {sum(len(t) for t in graph.values())} dependencies between them")
    for component in components(graph):
        if len(component) > 1:
            print("tangled together:", ", ".join(short(p) for p in component))
    mutual = [(a, b) for a in sorted(graph) for b in sorted(graph[a]) if a < b and a in graph[b]]
    for a, b in mutual:
        print("import each other:", short(a), "<->", short(b))
    cycles = elementary_cycles(graph)
    for cycle in cycles:
        print("loop:", " -> ".join(short(p) for p in cycle))
    print(f"loops: {len(cycles)}")
    sys.exit(1 if cycles else 0)


if __name__ == "__main__":
    main()
