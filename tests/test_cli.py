"""The ``mathref`` command: list, show, search, docs; and a light import."""
from __future__ import annotations

import subprocess
import sys

import pytest

from mathref import _registry, cli


def test_show_prints_title_latex_signature_example(capsys):
    assert cli.main(["show", "lp_norm"]) == 0
    out = capsys.readouterr().out
    entry = _registry.get("lp_norm")
    assert entry.title in out
    assert " ".join(entry.formula.split()) in out
    assert "lp_norm(x, p=2)" in out
    assert ">>> lp_norm([3, 4])" in out
    assert "‖x‖ₚ" in out  # the Unicode rendering


def test_unknown_name_suggests_the_closest_and_exits_1(capsys):
    assert cli.main(["show", "lpnorm"]) == 1
    err = capsys.readouterr().err
    assert "no entry named 'lpnorm'" in err
    assert "lp_norm" in err


def test_list_and_topic_filter(capsys):
    assert cli.main(["list"]) == 0
    out = capsys.readouterr().out
    for entry in _registry.entries():
        assert entry.id in out
    assert cli.main(["list", "linalg"]) == 0
    assert "matrix_norm" in capsys.readouterr().out
    assert cli.main(["list", "nosuchtopic"]) == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [("frobenius", "matrix_norm"), ("Euclidean norm", "lp_norm"), (r"\left \sum", "lp_norm")],
)
def test_search_finds_by_alias_and_latex_tokens(query, expected):
    assert expected in [e.id for e in cli.search(query)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("relative entropy", "kl_divergence"), (r"\log\sum\exp", "logsumexp"),
     (r"\log", "entropy")],
)
def test_search_finds_the_chapters_entries(query, expected):
    ids = [e.id for e in _registry.entries()]
    if expected not in ids:
        pytest.skip(f"{expected} is not in the registry")
    assert expected in [e.id for e in cli.search(query)]


def test_search_with_no_match_exits_1(capsys):
    assert cli.main(["search", "zzzqqq"]) == 1


def test_to_unicode_renders_common_latex():
    assert cli.to_unicode(r"\frac{a}{b}") == "(a)/(b)"
    assert cli.to_unicode(r"x_i^2 \le \infty") == "xᵢ² ≤ ∞"
    assert cli.to_unicode(r"\mathbb{E}[X]") == "𝔼[X]"


def test_import_is_light_and_the_command_runs():
    code = ("import sys, mathref; heavy = [m for m in ('scipy', 'matplotlib', 'sphinx', "
            "'mpmath') if m in sys.modules]; print(heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
    done = subprocess.run([sys.executable, "-m", "mathref", "show", "nosuch_entry"],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
