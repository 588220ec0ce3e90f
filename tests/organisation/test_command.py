"""scripts/onboard_amt.py onboards an Amt in a real Zope process (zconsole run), idempotently."""

from zopeprocess import ZopeInstance

import pytest


pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def instance(tmp_path_factory) -> ZopeInstance:
    instance = ZopeInstance(tmp_path_factory.mktemp("onboard") / "var")
    instance.create_site()
    return instance


def test_the_command_onboards_an_amt_and_a_second_run_changes_nothing(instance):
    env = {"AMT_NUMMER": "32", "AMT_NAME": "Ordnungsamt", "AMT_KURZNAME": "OA", "AMT_KENNZEICHEN": ""}
    first = instance.run_script("onboard_amt.py", **env)
    assert "Amt 32 Ordnungsamt (OA): angelegt" in first
    assert "amt-32-sachbearbeitung" in first and "amt-32-poststelle" in first
    assert "/posteingang/amt-32" in first
    second = instance.run_script("onboard_amt.py", **env)
    assert "Amt 32 Ordnungsamt (OA): bereits vorhanden" in second
    assert "Amt 32 Ordnungsamt" in instance.run_script("list_aemter.py")


def test_the_command_refuses_bad_input_with_a_german_message(instance):
    with pytest.raises(AssertionError) as error:
        instance.run_script("onboard_amt.py", AMT_NUMMER="3a", AMT_NAME="X", AMT_KURZNAME="X")
    assert "Die Amtsnummer muss aus Ziffern bestehen." in str(error.value)
    assert "Amt 3a" not in instance.run_script("list_aemter.py")
