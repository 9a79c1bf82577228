#!/usr/bin/env python3
"""po/POTFILES.in must list every file with strings to translate.

check-potfiles.py SOURCE_ROOT

A file needs listing when it is a C file under src/ calling _(), N_(),
C_() or NC_(); a .ui file under resources/ with translatable="yes"; the
desktop entry or the AppStream metainfo template in data/; or a GSettings
schema that names a gettext-domain. Listed files that do not exist fail too
(xgettext would stop on them). A message glued to a GLib format macro
(_("%" G_GINT64_FORMAT)) fails as well: xgettext cuts the message before
the macro, so it is never translated; gettext knows PRId64 and PRIu64.
"""
import pathlib
import re
import sys

GLUED_MACRO = re.compile(r'(?<![A-Za-z0-9_])N?C?_\s*\([^;]*?"\s*G_[A-Z0-9_]*_FORMAT')
C_CALL = re.compile(r'(?<![A-Za-z0-9_])(?:N?C?_)\s*\(\s*(?:"|[A-Za-z_])')


def needs_listing(path, root):
    rel = path.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8", errors="replace")
    if rel.startswith("src/") and path.suffix == ".c":
        return C_CALL.search(text) is not None
    if rel.startswith("resources/") and path.suffix == ".ui":
        return 'translatable="yes"' in text
    if rel.startswith("data/"):
        if path.name.endswith((".desktop.in", ".metainfo.xml.in")):
            return True
        if path.name.endswith(".gschema.xml"):
            return "gettext-domain=" in text
    return False


def main():
    root = pathlib.Path(sys.argv[1]).resolve()
    listed = set()
    for line in (root / "po" / "POTFILES.in").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            listed.add(line)

    candidates = [p for d in ("src", "resources", "data") for p in (root / d).rglob("*") if p.is_file()]
    wanted = {p.relative_to(root).as_posix() for p in candidates if needs_listing(p, root)}

    glued = []
    for path in (root / "src").rglob("*.c"):
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if GLUED_MACRO.search(line):
                glued.append(f"{path.relative_to(root).as_posix()}:{number}")
    for where in glued:
        print(f"{where}: a translatable message glued to a G_*_FORMAT macro (use PRId64/PRIu64)")

    missing = sorted(wanted - listed)
    gone = sorted(f for f in listed if not (root / f).is_file())
    for f in missing:
        print(f"po/POTFILES.in lacks {f}, which has strings to translate")
    for f in gone:
        print(f"po/POTFILES.in lists {f}, which does not exist")
    print(f"{len(wanted)} files with translatable strings, {len(listed)} listed")
    return 1 if missing or gone or glued else 0


if __name__ == "__main__":
    sys.exit(main())
