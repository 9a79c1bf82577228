#!/usr/bin/env python3
"""The translations are complete and well formed.

check-po.py SOURCE_ROOT

For each language in po/LINGUAS: msgfmt --check (format strings, headers)
finds no error, and the file has no untranslated or fuzzy message; then
the strings are extracted afresh from the files in po/POTFILES.in (as
`meson compile dynamo-desk-pot` does) and merged into the translation:
every string the program has today must be translated, not only those of
the last .pot. Every po/*.po is listed in LINGUAS and the other way round.
"""
import pathlib
import re
import subprocess
import sys
import tempfile

XGETTEXT_ARGS = ["--from-code=UTF-8", "--add-comments", "--keyword=_", "--keyword=N_",
                 "--keyword=C_:1c,2", "--keyword=NC_:1c,2", "--keyword=g_dngettext:2,3"]


def statistics(po):
    """(translated, fuzzy, untranslated, errors) from msgfmt --check --statistics."""
    run = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
                         capture_output=True, text=True, env={"LC_ALL": "C"})
    out = run.stderr
    counts = {}
    for kind in ("translated", "fuzzy", "untranslated"):
        m = re.search(r"(\d+) " + kind + " message", out)
        counts[kind] = int(m.group(1)) if m else 0
    errors = out if run.returncode != 0 else ""
    return counts["translated"], counts["fuzzy"], counts["untranslated"], errors


def untranslated_ids(po):
    run = subprocess.run(["msgattrib", "--untranslated", str(po)], capture_output=True, text=True)
    ids = re.findall(r'^msgid "(.+)"$', run.stdout, re.M)
    return sorted(set(ids))


def check_language(root, lang, tmp):
    po = root / "po" / f"{lang}.po"
    problems = []
    translated, fuzzy, untranslated, errors = statistics(po)
    print(f"{lang}: {translated} translated, {fuzzy} fuzzy, {untranslated} untranslated")
    if errors:
        problems.append(f"{po.name}: msgfmt --check failed:\n{errors}")
    if fuzzy or untranslated or translated == 0:
        problems.append(f"{po.name}: {fuzzy} fuzzy and {untranslated} untranslated messages")

    fresh = tmp / "fresh.pot"
    subprocess.run(["xgettext", *XGETTEXT_ARGS, "-D", str(root), "-f", str(root / "po" / "POTFILES.in"),
                    "-o", str(fresh)], check=True)
    merged = tmp / f"{lang}.po"
    subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", str(merged), str(po), str(fresh)],
                   check=True)
    translated, fuzzy, untranslated, errors = statistics(merged)
    print(f"{lang} against today's sources: {translated} translated, {untranslated} untranslated")
    if untranslated or fuzzy or errors:
        missing = untranslated_ids(merged)
        problems.append(f"{po.name}: {untranslated} strings of today's sources are not translated: "
                        + "; ".join(missing[:20]))
    return problems


def main():
    root = pathlib.Path(sys.argv[1]).resolve()
    linguas = set()
    for line in (root / "po" / "LINGUAS").read_text(encoding="utf-8").splitlines():
        linguas.update(w for w in line.split("#")[0].split())
    on_disk = {p.stem for p in (root / "po").glob("*.po")}
    problems = []
    if linguas != on_disk:
        problems.append(f"po/LINGUAS lists {sorted(linguas)} but po/ holds {sorted(on_disk)}")
    if not linguas:
        problems.append("po/LINGUAS lists no language")
    with tempfile.TemporaryDirectory() as tmp:
        for lang in sorted(linguas & on_disk):
            problems += check_language(root, lang, pathlib.Path(tmp))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
