"""Find import cycles inside a package: every strongly connected component of its import graph.

import-linter's `acyclic_siblings` contract only compares sibling packages, so it misses a
package whose `__init__` imports a submodule that imports the package back. This checks modules.

Imports under `if TYPE_CHECKING:` are left out: they never run, so they cannot cause a
partially-initialised-module error, and they are the usual way to name a type across a cycle.

Run it as a script (`python tests/helpers/import_cycles.py qfopgui`): it prints each cycle with
the imports that close it and exits 1 if there is any.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import grimp


@dataclass(frozen=True)
class ImportEdge:
    importer: str
    imported: str
    line_numbers: tuple[int, ...]

    def __str__(self) -> str:
        lines = ", ".join(f"l.{n}" for n in self.line_numbers)
        return f"{self.importer} -> {self.imported} ({lines})"


@dataclass(frozen=True)
class ImportCycle:
    """Modules that all reach each other by imports, and the imports between them."""

    modules: tuple[str, ...]
    edges: tuple[ImportEdge, ...]

    def __str__(self) -> str:
        head = f"cycle of {len(self.modules)} module(s): {', '.join(self.modules)}"
        return "\n".join([head, *(f"    {e}" for e in self.edges)])


def _strongly_connected(nodes: list[str], succ: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (no recursion limit on long import chains)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            children = succ[node]
            if i < len(children):
                work.append((node, i + 1))
                child = children[i]
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components


def find_import_cycles(graph: grimp.ImportGraph) -> list[ImportCycle]:
    """Every component with more than one module, and every module that imports itself."""
    nodes = sorted(graph.modules)
    succ = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in nodes}
    cycles = []
    for component in _strongly_connected(nodes, succ):
        members = set(component)
        if len(component) == 1 and component[0] not in succ[component[0]]:
            continue
        edges = tuple(
            ImportEdge(
                importer,
                imported,
                tuple(
                    sorted(
                        d["line_number"]
                        for d in graph.get_import_details(importer=importer, imported=imported)
                    )
                ),
            )
            for importer in component
            for imported in succ[importer]
            if imported in members
        )
        cycles.append(ImportCycle(tuple(component), edges))
    return sorted(cycles, key=lambda c: c.modules)


def package_import_cycles(package: str) -> list[ImportCycle]:
    """Cycles among the modules of `package` (the one found on sys.path), runtime imports only."""
    graph = grimp.build_graph(
        package,
        include_external_packages=False,
        exclude_type_checking_imports=True,
        cache_dir=None,
    )
    return find_import_cycles(graph)


def main(argv: list[str]) -> int:
    package = argv[0] if argv else "qfopgui"
    cycles = package_import_cycles(package)
    for cycle in cycles:
        print(cycle)
    if cycles:
        print(
            f"{len(cycles)} import cycle(s) in {package}; break each one (move the shared code "
            "down a layer, or pass the dependency in)"
        )
        return 1
    print(f"no import cycles in {package}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
