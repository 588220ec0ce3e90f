"""The Protokoll in a real Zope process on RelStorage (SQLite): written by one process, read
back and verified by others, and a change made directly in the database is found by
scripts/verify_protokoll.py."""

from zopeprocess import ZopeInstance
import pytest
import re


@pytest.fixture(scope="module")
def instance(tmp_path_factory) -> ZopeInstance:
    """One e-Akte site (without demo data) for this module."""
    instance = ZopeInstance(tmp_path_factory.mktemp("protokoll") / "var")
    instance.create_site(demo=False)
    return instance


def value(name: str, output: str) -> str:
    return re.search(rf"^{name} (\S+)$", output, re.M).group(1)


def test_the_verify_command_names_an_akte_whose_protokoll_was_changed_in_the_database(instance):
    created = instance.run_script("protokoll_create_akte.py", KENNZEICHEN="97")
    assert value("ACTIONS", created) == "erstellt,geaendert"
    path, aktenzeichen, uid = value("PATH", created), value("AKTENZEICHEN", created), value("UID", created)
    intact = instance.run_script("verify_protokoll.py")
    assert "0 broken" in intact and "BROKEN" not in intact

    instance.run_script("protokoll_tamper.py", OBJECT_UID=uid, SEQ="2")
    with pytest.raises(AssertionError) as failed:  # the command exits 1
        instance.run_script("verify_protokoll.py")
    report = str(failed.value)
    assert "verify_protokoll.py failed (1)" in report
    assert f"BROKEN {aktenzeichen} ({path}) uid {uid} first broken entry 2" in report
    assert "Der Inhalt des Eintrags 2 wurde verändert." in report
    assert "1 broken" in report
