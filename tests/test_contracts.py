"""The code's contracts, checked by reading it: which layers may import which (over the AST,
beside the run-time check in test_layering.py), no import cycles, and mypy (strict for the
domain)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cjtui"

# Lowest first: a module may import its own layer and those below, never one above. Each
# layer is a folder of the package (test_the_folders_are_the_layers); inside base and the
# domain, the words stand above the rest of base and the guides above the model.
LAYERS: list[tuple[str, list[str]]] = [
    ("base", ["cjtui", "cjtui.base"]),
    ("words", ["cjtui.base.i18n"]),
    ("model", ["cjtui.domain"]),
    ("guide", ["cjtui.domain.guide"]),
    ("store", ["cjtui.store"]),
    ("analysis and exchange", ["cjtui.analysis", "cjtui.exchange"]),
    ("services", ["cjtui.services"]),
    ("app", ["cjtui.interface.tui"]),
    ("entry points", ["cjtui.interface", "cjtui.__main__"]),
]
# The package's root holds the layers' folders and the data the package ships, nothing else.
FOLDERS = {"base", "domain", "store", "analysis", "exchange", "services", "interface"}
DATA = {"guides", "locale", "schema"}
UI_LIBRARIES = ("textual", "rich", "textual_plotext")
# Screens and widgets own no storage code: they go through the services.
# The whole app (its App class too) reaches storage and formats only through the services.
STORAGE = (
    "cjtui.store",
    "cjtui.base.fsutil",
    "cjtui.exchange",
    "cjtui.store.prefs",
    "cjtui.base.jsonio",
    "cjtui.analysis.transcript",
    "cjtui.services.recovery",
)
NO_STORAGE = ("cjtui.interface.tui",)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> int:
    best, found = -1, -1
    for n, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, found = len(prefix), n
    assert found >= 0, f"{module} belongs to no layer: add it to LAYERS"
    return found


def imports(path: Path, *, typing_only: bool = True) -> list[tuple[str, int]]:
    """(module imported, line) for every import in the file, relative ones resolved.
    With typing_only False, imports under ``if TYPE_CHECKING:`` are left out."""
    tree = ast.parse(path.read_text("utf-8"))
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    skip: set[int] = set()
    if not typing_only:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                for inner in ast.walk(node):
                    skip.add(id(inner))
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # `from . import jsonio` imports a module, not a name from the package
            submodules = [
                f"{target}.{alias.name}"
                for alias in node.names
                if (ROOT / Path(*f"{target}.{alias.name}".split("."))).with_suffix(".py").exists()
            ]
            found += [(m, node.lineno) for m in submodules]
            if len(submodules) < len(node.names):
                found.append((target, node.lineno))
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: module_name(p))
def test_imports_respect_the_layers(path: Path) -> None:
    me = module_name(path)
    mine = layer_of(me)
    wrong = []
    for target, line in imports(path):
        if target.split(".")[0] in UI_LIBRARIES and mine < layer_of("cjtui.interface.tui"):
            wrong.append(f"line {line}: the domain imports {target}")
        if not target.startswith("cjtui"):
            continue
        if layer_of(target) > mine:
            theirs = LAYERS[layer_of(target)][0]
            wrong.append(f"line {line}: {LAYERS[mine][0]} imports {target} ({theirs})")
        if me.startswith(NO_STORAGE) and target.startswith(STORAGE):
            wrong.append(f"line {line}: a screen or widget imports storage code ({target})")
    assert not wrong, f"{me}:\n" + "\n".join(wrong)


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(graph.get(start, ()))
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += graph.get(module, ())
    return seen


def test_no_import_cycles() -> None:
    graph = {
        module_name(path): {
            t
            for t, _ in imports(path, typing_only=False)
            if t.startswith("cjtui") and t != module_name(path)
        }
        for path in SOURCES
    }
    cycles = sorted(m for m in graph if m in reachable(graph, m))
    assert cycles == [], f"modules that import themselves through others: {cycles}"


def test_the_folders_are_the_layers() -> None:
    """No module sits loose at the package's root: each is in its layer's folder, and each
    folder is a layer (or a step of one) of LAYERS."""
    loose = sorted(
        p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")
    )
    assert not loose, f"modules outside the layers' folders: {loose}"
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == FOLDERS | DATA, folders ^ (FOLDERS | DATA)
    named = {prefix.split(".")[1] for _, prefixes in LAYERS for prefix in prefixes if "." in prefix}
    assert named - {"__main__"} == FOLDERS
    for data in DATA:  # data: no code but a package's marker
        assert {p.name for p in (PACKAGE / data).rglob("*.py")} <= {"__init__.py"}, data


def test_the_layering_test_knows_every_module() -> None:
    for path in SOURCES:
        layer_of(module_name(path))


@pytest.mark.slow
def test_mypy_passes() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


_CLASS_PRIVATES: dict[type, set[str]] = {}


def _privates_of(cls: type) -> set[str]:
    """The private names one class of Textual's defines: methods and class attributes, and
    the instance attributes its own code sets on ``self``."""
    import inspect
    import textwrap

    if cls not in _CLASS_PRIVATES:
        names = {n for n in vars(cls) if _private(n)}
        try:
            source = textwrap.dedent(inspect.getsource(cls))
        except (OSError, TypeError):
            source = ""
        if source:
            for node in ast.walk(ast.parse(source)):
                if (
                    isinstance(node, ast.Attribute)
                    and isinstance(node.ctx, ast.Store)
                    and isinstance(node.value, ast.Name)
                    and node.value.id == "self"
                    and _private(node.attr)
                ):
                    names.add(node.attr)
        _CLASS_PRIVATES[cls] = names
    return _CLASS_PRIVATES[cls]


def _textual_private_names() -> set[str]:
    """Every private name (``_x``, not dunder) a class of Textual's defines."""
    import importlib
    import inspect
    import pkgutil

    import textual

    names: set[str] = set()
    for found in pkgutil.walk_packages(textual.__path__, "textual."):
        if "._" in found.name[len("textual") :] or found.name.startswith("textual.demo"):
            continue
        try:
            module = importlib.import_module(found.name)
        except Exception:  # an optional part (a driver for another platform)
            continue
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__.startswith("textual"):
                names |= _privates_of(cls)
    return names


def _names_defined(trees: dict[Path, ast.Module]) -> set[str]:
    """Every name the app's own code defines: functions, classes, attributes it sets."""
    ours: set[str] = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                ours.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                ours.add(node.attr)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                ours.add(node.target.id)
    return ours


def _uses_on_self(path: Path, tree: ast.Module) -> list[str]:
    """Methods defined and ``self.x`` used in each class that a Textual base of the class
    defines privately."""
    import importlib
    import inspect

    module = importlib.import_module(module_name(path))
    wrong = []
    for node in ast.walk(tree):
        cls = getattr(module, node.name, None) if isinstance(node, ast.ClassDef) else None
        if not inspect.isclass(cls):
            continue
        textual_here: set[str] = set()
        for base in cls.__mro__:
            if base.__module__.startswith("textual"):
                textual_here |= _privates_of(base)
        for inner in ast.walk(node):
            name = None
            if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = inner.name
            elif isinstance(inner, ast.Attribute) and isinstance(inner.value, ast.Name):
                name = inner.attr if inner.value.id in ("self", "cls") else None
            if name is not None and name in textual_here:
                wrong.append(f"{path.name}:{inner.lineno}: {node.name} uses Textual's {name}")
    return wrong


def _uses_on_others(path: Path, tree: ast.Module, private: set[str], ours: set[str]) -> list[str]:
    """``obj._x`` on any object but self, a module or the app's own names."""
    modules = {  # names bound to modules here (os._exit is not Textual's)
        alias.asname or alias.name.partition(".")[0]
        for inner in ast.walk(tree)
        if isinstance(inner, ast.Import)
        for alias in inner.names
    }
    return [
        f"{path.name}:{inner.lineno}: reads Textual's private {inner.attr}"
        for inner in ast.walk(tree)
        if isinstance(inner, ast.Attribute)
        and not (isinstance(inner.value, ast.Name) and inner.value.id in ("self", "cls", *modules))
        and inner.attr in private
        and inner.attr not in ours
    ]


def test_the_app_uses_textual_by_its_public_api_only() -> None:
    """No module of the app reads, writes or overrides anything private of Textual's: a
    method or attribute of a Textual base class whose name starts with one underscore
    (``_bindings``, ``_dispatch_action``, ``_on_mount``…), on ``self`` or on any object.
    Names the app defines itself (and Textual happens to use in an unrelated class) pass
    when the class using them has no Textual base that defines them."""
    everywhere = _textual_private_names()
    assert {"_bindings", "_dispatch_action", "_on_mount"} <= everywhere  # the walk works
    app = sorted((PACKAGE / "interface" / "tui").rglob("*.py"))
    assert len(app) > 10  # the app's modules were found (a moved folder fails here)
    trees = {p: ast.parse(p.read_text("utf-8")) for p in app}
    ours = _names_defined(trees)
    wrong: list[str] = []
    for path, tree in trees.items():
        wrong += _uses_on_self(path, tree)
        wrong += _uses_on_others(path, tree, everywhere, ours)
    assert not wrong, "\n".join(wrong)


def test_every_dependency_is_bounded_to_the_major_versions_tested() -> None:
    """A new major version of Textual (or any dependency) can change what the app relies
    on: each is pinned below the next major version."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = project["dependencies"] + [
        d for group in project["optional-dependencies"].values() for d in group
    ]
    unbounded = [d for d in wanted if "<" not in d]
    assert not unbounded, unbounded


def test_the_touchpoint_pane_is_a_part_of_its_screen_textual_sees_whole() -> None:
    """The stage screen's touchpoint pane (a part of StageScreen kept in its own module)
    defines nothing Textual collects only from its own classes (bindings, CSS, reactives,
    @on handlers), overrides nothing of a Textual screen's, and each method it leaves to
    the screen is the screen's own."""
    from textual.screen import Screen

    from cjtui.interface.tui.screens.stage import StageScreen
    from cjtui.interface.tui.screens.touchpoints import TouchpointPane

    own = {k: v for k, v in vars(TouchpointPane).items() if not k.startswith("__")}
    assert "action_add_touchpoint" in own  # the part holds the pane's actions
    for collected in ("BINDINGS", "DEFAULT_CSS", "CSS", "COMPONENT_CLASSES"):
        assert collected not in own, collected
    from textual.reactive import Reactive

    assert not [k for k, v in own.items() if isinstance(v, Reactive)]
    assert not [k for k, v in own.items() if getattr(v, "_textual_on", None)]
    assert not set(own) & set(dir(Screen)), set(own) & set(dir(Screen))
    source = (PACKAGE / "interface" / "tui" / "screens" / "touchpoints.py").read_text("utf-8")
    tree = ast.parse(source)
    pane = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "TouchpointPane")
    left = [
        f.name
        for block in pane.body
        if isinstance(block, ast.If)
        for f in block.body
        if isinstance(f, ast.FunctionDef)
    ]
    assert left and all(name in vars(StageScreen) for name in left), left
