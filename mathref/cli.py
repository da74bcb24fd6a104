"""The ``mathref`` command: look a formula up from a terminal while debugging.

``mathref list [TOPIC]``, ``mathref show NAME``, ``mathref search WORDS``,
``mathref golden NAME [--out FILE]``, ``mathref docs [--open]``. ``show`` and ``search``
read the registry (the docstrings), so they need no built HTML and work from an installed
wheel. Importing mathref imports NumPy only, so the command answers fast.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from . import _registry

_SYMBOLS = {
    r"\alpha": "α", r"\beta": "β", r"\gamma": "γ", r"\delta": "δ", r"\epsilon": "ε",
    r"\varepsilon": "ε", r"\zeta": "ζ", r"\eta": "η", r"\theta": "θ", r"\kappa": "κ",
    r"\lambda": "λ", r"\mu": "μ", r"\nu": "ν", r"\xi": "ξ", r"\pi": "π", r"\rho": "ρ",
    r"\sigma": "σ", r"\tau": "τ", r"\phi": "φ", r"\varphi": "φ", r"\chi": "χ", r"\psi": "ψ",
    r"\omega": "ω", r"\Gamma": "Γ", r"\Delta": "Δ", r"\Theta": "Θ", r"\Lambda": "Λ",
    r"\Sigma": "Σ", r"\Phi": "Φ", r"\Psi": "Ψ", r"\Omega": "Ω", r"\ell": "ℓ",
    r"\sum": "Σ", r"\prod": "∏", r"\int": "∫", r"\infty": "∞", r"\partial": "∂",
    r"\nabla": "∇", r"\cdot": "·", r"\times": "×", r"\le": "≤", r"\leq": "≤", r"\ge": "≥",
    r"\geq": "≥", r"\ne": "≠", r"\neq": "≠", r"\approx": "≈", r"\in": "∈", r"\notin": "∉",
    r"\to": "→", r"\mapsto": "↦", r"\rightarrow": "→", r"\propto": "∝", r"\sim": "∼",
    r"\pm": "±", r"\mp": "∓", r"\lVert": "‖", r"\rVert": "‖", r"\|": "‖", r"\ldots": "…",
    r"\dots": "…", r"\cdots": "⋯", r"\forall": "∀", r"\exists": "∃", r"\subseteq": "⊆",
    r"\cup": "∪", r"\cap": "∩", r"\top": "ᵀ", r"\langle": "⟨", r"\rangle": "⟩",
    r"\lfloor": "⌊", r"\rfloor": "⌋", r"\lceil": "⌈", r"\rceil": "⌉", r"\mid": "|",
    r"\quad": "  ", r"\qquad": "    ", r"\,": " ", r"\;": " ", r"\!": "", r"\{": "{",
    r"\}": "}", r"\log": "log", r"\exp": "exp", r"\max": "max", r"\min": "min",
    r"\sin": "sin", r"\cos": "cos", r"\det": "det", r"\arg": "arg", r"\sup": "sup",
    r"\inf": "inf", r"\lim": "lim", r"\ln": "ln", r"\tanh": "tanh",
}
_SUPER = dict(zip("0123456789+-=()nikTpx", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵏᵀᵖˣ"))
_SUB = dict(zip("0123456789+-=()aeijknmptx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₙₘₚₜₓ"))
_BLACKBOARD = {"R": "ℝ", "E": "𝔼", "N": "ℕ", "Z": "ℤ", "C": "ℂ", "P": "ℙ", "Q": "ℚ"}


def _group(text: str, start: int) -> tuple[str, int]:
    """The brace group (or single token) at ``start``: (content, index after it)."""
    while start < len(text) and text[start] == " ":
        start += 1
    if start >= len(text):
        return "", start
    if text[start] == "{":
        depth = 0
        for i in range(start, len(text)):
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            if depth == 0:
                return text[start + 1:i], i + 1
        return text[start + 1:], len(text)
    if text[start] == "\\":
        match = re.match(r"\\[A-Za-z]+|\\.", text[start:])
        assert match is not None
        return match.group(0), start + len(match.group(0))
    return text[start], start + 1


def _script(content: str, table: dict[str, str], mark: str) -> str:
    plain = to_unicode(content)
    if plain and all(ch in table for ch in plain):
        return "".join(table[ch] for ch in plain)
    return f"{mark}({plain})" if len(plain) > 1 else f"{mark}{plain}"


def to_unicode(latex: str) -> str:
    """A readable plain-text rendering of a LaTeX formula, for the terminal."""
    text = re.sub(r"\\(left|right|big|Big|bigg|Bigg)(?![A-Za-z])\s*\.?", "", latex)
    text = re.sub(r"\\begin\{[a-z*]+\}|\\end\{[a-z*]+\}", "", text)
    text = text.replace("\n", " ").replace("\\\\", "\n").replace("&", "")
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            match = re.match(r"\\[A-Za-z]+|\\.", text[i:])
            assert match is not None
            command = match.group(0)
            i += len(command)
            if command in ("\\frac", "\\dfrac", "\\tfrac"):
                num, i = _group(text, i)
                den, i = _group(text, i)
                out.append(f"({to_unicode(num)})/({to_unicode(den)})")
            elif command == "\\sqrt":
                arg, i = _group(text, i)
                out.append(f"√({to_unicode(arg)})")
            elif command in ("\\mathbb",):
                arg, i = _group(text, i)
                out.append("".join(_BLACKBOARD.get(c, c) for c in arg))
            elif command in ("\\text", "\\mathrm", "\\operatorname", "\\mathbf", "\\mathcal",
                             "\\boldsymbol", "\\textrm", "\\mathit", "\\hat", "\\bar",
                             "\\tilde", "\\widehat", "\\overline"):
                arg, i = _group(text, i)
                accent = {"\\hat": "̂", "\\widehat": "̂", "\\bar": "̄", "\\overline": "̄",
                          "\\tilde": "̃"}.get(command, "")
                out.append(to_unicode(arg) + accent)
            else:
                out.append(_SYMBOLS.get(command, command[1:]))
        elif ch in "^_":
            arg, i = _group(text, i + 1)
            out.append(_script(arg, _SUPER if ch == "^" else _SUB, ch))
        elif ch in "{}":
            i += 1
        else:
            out.append(ch)
            i += 1
    return re.sub(r"[ \t]+", " ", "".join(out)).strip()


def _plain(text: str) -> str:
    """Docstring prose with its inline roles made readable."""
    text = re.sub(r":math:`([^`]*)`", lambda m: to_unicode(m.group(1)), text)
    text = re.sub(r":\w+:`~?([^`]*)`", r"\1", text)
    return text.replace("``", "")


def _html_root() -> Path | None:
    env = os.environ.get("MATHREF_DOCS")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parent.parent / "build" / "html")
    for root in candidates:
        if (root / "index.html").is_file():
            return root
    return None


def _html_page(entry: _registry.Entry) -> Path | None:
    root = _html_root()
    if root is None:
        return None
    page = root / "api" / f"{entry.topic}.html"
    return page if page.is_file() else None


def _unknown(name: str) -> int:
    import difflib  # here and not at the top: every import delays each answer

    names = [e.id for e in _registry.entries()]
    close = difflib.get_close_matches(name, names, n=5, cutoff=0.5)
    close += [n for n in names if name.lower() in n.lower() and n not in close][:5]
    print(f"mathref: no entry named {name!r}.", file=sys.stderr)
    if close:
        print("Closest matches: " + ", ".join(close[:8]), file=sys.stderr)
    else:
        print("Try `mathref search WORDS` or `mathref list`.", file=sys.stderr)
    return 1


def cmd_list(topic: str | None) -> int:
    topics = list(_registry.TOPICS)
    if topic is not None:
        matches = [t for t in topics if t == topic or _registry.TOPICS[t][1].lower()
                   .startswith(topic.lower())]
        if not matches:
            print(f"mathref: no topic {topic!r}; topics: {', '.join(topics)}", file=sys.stderr)
            return 1
        topics = matches
    for name in topics:
        items = _registry.by_topic(name)
        if not items:
            continue
        print(f"{_registry.TOPICS[name][1]} ({name})")
        width = max(len(e.id) for e in items)
        for entry in items:
            print(f"  {entry.id:<{width}}  {entry.title}")
    return 0


def cmd_show(name: str) -> int:
    try:
        entry = _registry.get(name)
    except KeyError:
        return _unknown(name)
    print(f"{entry.title}  [{entry.qualname}]")
    print(f"topic: {_registry.TOPICS[entry.topic][1]}")
    if entry.aliases:
        print(f"also: {', '.join(entry.aliases)}")
    print()
    print("  " + to_unicode(entry.formula).replace("\n", "\n  "))
    print()
    if entry.symbols:
        print(_plain(entry.symbols))
        print()
    print(f"LaTeX:     {' '.join(entry.formula.split())}")
    print(f"signature: {entry.signature}")
    print(f"summary:   {_plain(entry.summary)}")
    if entry.example:
        print("example:")
        print("  " + entry.example.replace("\n", "\n  "))
    page = _html_page(entry)
    if page is not None:
        print(f"html:      {page}#{entry.qualname}")
    return 0


_TOKEN_SYNONYMS = {"\\exp": ("e^",), "\\ln": ("\\log",), "\\log": ("\\ln",)}


def _latex_tokens(query: str) -> list[str]:
    return re.findall(r"\\[A-Za-z]+", query)


def _has_token(token: str, entry: _registry.Entry) -> bool:
    forms = (token, *_TOKEN_SYNONYMS.get(token, ()))
    return any(form in entry.formula or form in entry.doc for form in forms)


def search(query: str) -> list[_registry.Entry]:
    """Entries matching every word of ``query``, best first (also used by the tests)."""
    tokens = _latex_tokens(query)
    words = [w.lower() for w in re.sub(r"\\[A-Za-z]+", " ", query).split()]
    scored = []
    for entry in _registry.entries():
        text = entry.search_text()
        if tokens and not all(_has_token(tok, entry) for tok in tokens):
            continue
        if not all(word in text for word in words):
            continue
        head = " ".join([entry.id, entry.title, *entry.aliases]).lower()
        score = sum(3 for w in words if w in head) + sum(
            1 for tok in tokens if tok in entry.formula)
        if words and " ".join(words) in head:
            score += 5
        if len(tokens) > 1 and "".join(t[1:] for t in tokens).lower() in head:
            score += 10  # \log\sum\exp names logsumexp
        scored.append((-score, entry.id, entry))
    return [entry for *_, entry in sorted(scored, key=lambda s: (s[0], s[1]))]


def cmd_search(words: list[str]) -> int:
    query = " ".join(words)
    found = search(query)
    if not found:
        print(f"mathref: nothing matches {query!r}.", file=sys.stderr)
        return 1
    width = max(len(e.id) for e in found)
    for entry in found:
        print(f"  {entry.id:<{width}}  {entry.title}")
    return 0


def cmd_docs(open_browser: bool) -> int:
    root = _html_root()
    if root is None:
        checkout = Path(__file__).resolve().parent.parent
        if not (checkout / "conf.py").is_file():
            print("mathref: no built HTML found; set MATHREF_DOCS to a built handbook "
                  "(a folder holding index.html).", file=sys.stderr)
            return 1
        print("Building the handbook into build/html ...", file=sys.stderr)
        import subprocess

        done = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-c", str(checkout),
                               str(checkout / "docs"), str(checkout / "build" / "html")])
        if done.returncode != 0:
            return done.returncode
        root = checkout / "build" / "html"
    index = root / "index.html"
    print(index)
    if open_browser:
        import webbrowser

        webbrowser.open(index.as_uri())
    return 0


def golden_path(name: str) -> Path:
    """Where the golden vectors of entry ``name`` are stored (inside the package)."""
    return Path(__file__).resolve().parent / "golden" / f"{name}.json"


def cmd_golden(name: str, out: str | None) -> int:
    try:
        entry = _registry.get(name)
    except KeyError:
        return _unknown(name)
    path = golden_path(entry.id)
    if not path.is_file():
        have = sorted(p.stem for p in path.parent.glob("*.json"))
        print(f"mathref: no golden vectors for {entry.id!r} (its result is random, "
              f"iterative, exact or a yes/no answer, or it has no high-precision oracle "
              f"yet); {len(have)} entries have them: "
              f"{', '.join(have[:12])}{', ...' if len(have) > 12 else ''}", file=sys.stderr)
        return 1
    text = path.read_text(encoding="utf-8")
    if out is None:
        print(text, end="" if text.endswith("\n") else "\n")
    else:
        Path(out).write_text(text, encoding="utf-8")
        print(f"wrote {out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mathref", description="Look up the formulas of the mathref handbook.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("list", help="list the entries, optionally of one topic")
    p.add_argument("topic", nargs="?")
    p = sub.add_parser("show", help="show one entry: formula, symbols, signature, example")
    p.add_argument("name")
    p = sub.add_parser("search", help="search titles, aliases, docstrings and LaTeX tokens")
    p.add_argument("words", nargs="+")
    p = sub.add_parser("golden", help="golden vectors: inputs, high-precision outputs and "
                                      "intermediate values (JSON) to test your own "
                                      "implementation against")
    p.add_argument("name")
    p.add_argument("--out", help="write the JSON to this file instead of printing it")
    p = sub.add_parser("docs", help="print (and optionally open) the offline HTML handbook")
    p.add_argument("--open", action="store_true", help="open it in a web browser")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "list":
        return cmd_list(args.topic)
    if args.command == "show":
        return cmd_show(args.name)
    if args.command == "search":
        return cmd_search(args.words)
    if args.command == "golden":
        return cmd_golden(args.name, args.out)
    return cmd_docs(args.open)
