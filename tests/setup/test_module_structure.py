"""Module structure: no import cycles between dokument and lifecycle or demo and setuphandlers
(also not hidden inside functions), and the Ämter split into modules named for what they hold."""

from pathlib import Path

import ast
import eakte
import pytest


PACKAGE = Path(eakte.__file__).parent


def imported_modules(path: Path) -> set:
    """Every eakte module a file imports, at module level or inside a function."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {m for m in modules if m.startswith("eakte")}


def files(package: str):
    path = PACKAGE.joinpath(*package.split(".")[1:])
    return sorted(path.glob("*.py")) if path.is_dir() else [path.with_suffix(".py")]


@pytest.mark.parametrize("importer, imported", [
    ("eakte.lifecycle", "eakte.dokument"),
    ("eakte.setuphandlers", "eakte.demo"),
])
def test_no_import_cycle(importer, imported):
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(m for m in imported_modules(path) if m.startswith(imported))
        for path in files(importer)
    }
    assert {path: found for path, found in offenders.items() if found} == {}


def test_the_other_direction_is_the_one_that_is_used():
    assert any(m.startswith("eakte.lifecycle") for path in files("eakte.dokument") for m in imported_modules(path))
    assert any(m.startswith("eakte.setuphandlers") for path in files("eakte.demo") for m in imported_modules(path))


def test_the_organisation_is_split_into_model_groups_grants_and_services():
    from eakte import organisation
    from eakte.organisation import grants
    from eakte.organisation import groups
    from eakte.organisation import model
    from eakte.organisation import services

    assert organisation.Amt is model.Amt and organisation.get_amt is model.get_amt
    assert organisation.onboard_amt is services.onboard_amt
    assert organisation.sync_unit is grants.sync_unit and organisation.amt_groups is groups.amt_groups
    init = ast.parse((PACKAGE / "organisation" / "__init__.py").read_text())
    assert not [node for node in init.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))]
