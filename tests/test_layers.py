"""The layout holds: the layers of `[tool.importlinter]` in pyproject.toml (import-linter),
and no circular import among the project's modules."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["cfc_portal", "cities", "core", "candidacy", "stakeholders", "notifications"]
PACKAGES += ["reporting", "demo", "bench"]


def test_import_contracts_are_kept():
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is a test dependency (pyproject.toml)"
    result = subprocess.run(  # noqa: S603 - our own tool, fixed arguments
        [lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*PACKAGES, cache_dir=None)


def _cycles(graph) -> list[tuple[str, str]]:
    """Each import a -> b (module to module) for which b also reaches a."""
    found = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            if importer.startswith(imported + "."):
                continue  # a module importing its own package's __init__ is no cycle
            if graph.chain_exists(importer=imported, imported=importer):
                found.append((importer, imported))
    return found


def test_no_circular_imports(graph):
    cycles = _cycles(graph)
    chains = [
        " -> ".join(graph.find_shortest_chain(importer=b, imported=a) or ()) for a, b in cycles[:10]
    ]
    assert not cycles, "circular imports:\n" + "\n".join(
        f"{a} -> {b}, and back: {chain}" for (a, b), chain in zip(cycles, chains, strict=False)
    )


def _private_uses(path: Path, modules: set[str]) -> list[str]:
    """`from x import _name`, and `module._name` on a project module imported by name."""
    tree = ast.parse((ROOT / path).read_text())
    found, module_names = [], {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{path}:{node.lineno} imports {alias.name} from {node.module}")
                if node.module and f"{node.module}.{alias.name}" in modules:
                    module_names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in modules and alias.asname:
                    module_names[alias.asname] = alias.name
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in module_names
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            found.append(f"{path}:{node.lineno} uses {module_names[node.value.id]}.{node.attr}")
    return found


def test_no_module_uses_another_modules_private_names(graph):
    """What modules share is public and named for what it does."""
    modules = set(graph.modules)
    paths = [path for package in [*PACKAGES, "tests"] for path in (ROOT / package).rglob("*.py")]
    found = [
        use
        for path in paths
        if "migrations" not in path.parts
        for use in _private_uses(path.relative_to(ROOT), modules)
    ]
    assert not found, "\n".join(found)
