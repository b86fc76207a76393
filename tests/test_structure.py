"""The apps depend one way, and no module imports another inside a function to dodge a cycle.

Read from the source with ``ast``, not by importing it:

- ``core`` is the ground floor and imports no other app; ``news`` imports only ``core``;
  ``sop_audit`` and ``social_sync`` import ``core`` and ``news``, never each other (they meet
  through Wagtail's signals and ``apps.core.signals``); ``demo`` may import every app.
- The modules' top-level imports form no cycle.
- An import inside a function is allowed for what Django or Wagtail need (a model module not
  ready yet, a setting resolved while wagtail.models loads), never to reach a module that
  imports, directly or not, the module doing the importing: that is a cycle in disguise.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = ROOT / "apps"

# Which apps each app may import (its own always).
MAY_IMPORT = {
    "core": set(),
    "news": {"core"},
    "sop_audit": {"core", "news"},
    "social_sync": {"core", "news"},
    "demo": {"core", "news", "sop_audit", "social_sync"},
}


def module_name(path):
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def project_modules():
    modules = {
        module_name(path): path for path in APPS.rglob("*.py") if "migrations" not in path.parts
    }
    modules.pop("apps", None)  # the namespace of the apps, not one of them
    return modules


MODULES = project_modules()


def resolve(importer, node):
    """The project modules an import statement names (from ``importer``)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = importer.split(".")
            if MODULES[importer].name != "__init__.py":
                package = package[:-1]
            package = package[: len(package) - (node.level - 1)]
            base = ".".join([*package, base] if base else package)
        names = [f"{base}.{alias.name}" for alias in node.names] + [base]
    found = set()
    for name in names:
        # The longest project module the name falls in: a submodule, else its package.
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name and name != importer:
            found.add(name)
    return found


class ImportCollector(ast.NodeVisitor):
    def __init__(self, importer):
        self.importer = importer
        self.top, self.inner = set(), set()
        self.depth = 0

    def visit_FunctionDef(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Import(self, node):
        (self.inner if self.depth else self.top).update(resolve(self.importer, node))

    visit_ImportFrom = visit_Import


def imports():
    """{module: (top-level imports, imports inside functions)}, project modules only."""
    graph = {}
    for name, path in MODULES.items():
        collector = ImportCollector(name)
        collector.visit(ast.parse(path.read_text(encoding="utf-8")))
        graph[name] = (collector.top, collector.inner)
    return graph


GRAPH = imports()


def app_of(module):
    return module.split(".")[1]


def reaches(start, goal):
    """Whether `start` imports `goal` through top-level imports, directly or not."""
    seen, todo = set(), [start]
    while todo:
        module = todo.pop()
        if module == goal:
            return True
        if module in seen:
            continue
        seen.add(module)
        todo.extend(GRAPH[module][0])
    return False


@pytest.mark.parametrize("app", sorted(MAY_IMPORT))
def test_each_app_imports_only_the_apps_below_it(app):
    wrong = sorted(
        f"{module} imports {target}"
        for module, (top, inner) in GRAPH.items()
        if app_of(module) == app
        for target in top | inner
        if app_of(target) not in MAY_IMPORT[app] | {app}
    )
    assert wrong == []


def test_every_project_app_is_in_the_rule():
    assert {app_of(module) for module in GRAPH} == set(MAY_IMPORT)


def test_top_level_imports_form_no_cycle():
    cycles = sorted(
        f"{module} -> {target}"
        for module, (top, _inner) in GRAPH.items()
        for target in top
        if reaches(target, module)
    )
    assert cycles == []


def test_no_import_inside_a_function_dodges_a_cycle():
    dodges = sorted(
        f"{module} imports {target} inside a function, and {target} imports {module}"
        for module, (_top, inner) in GRAPH.items()
        for target in inner
        if reaches(target, module)
    )
    assert dodges == []
