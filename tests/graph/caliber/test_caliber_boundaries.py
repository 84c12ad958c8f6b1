"""The architecture's promises about graph/: department codes only in data files, no upward imports."""

from __future__ import annotations

import ast
from pathlib import Path

import graph
from graph.caliber import load_caliber

GRAPH = Path(graph.__file__).parent


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(GRAPH.rglob("*.py"))]


def test_department_code_values_appear_only_in_the_caliber_data_files() -> None:
    caliber = load_caliber()
    values = {
        value
        for department in caliber.departments()
        for mapping in caliber.department(department).mappings.values()
        for value in mapping.codes
        if len(value) >= 3 or not value.isascii()  # "1", "Y", "01" are too short to tell apart from code
    }
    found = [
        f"{path.relative_to(GRAPH.parent)}:{node.lineno}: {node.value!r}"
        for path, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in values
    ]
    assert found == []


def test_graph_imports_neither_hub_nor_connectors() -> None:
    found = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            found += [
                f"{path.relative_to(GRAPH.parent)}: {n}" for n in names if n.split(".")[0] in {"hub", "connectors"}
            ]
    assert found == []
