#!/usr/bin/env python3
"""Every string a person sees in a GtkBuilder file is marked translatable.

check-translatable.py FILE.ui|FOLDER...   (a folder: every .ui file in it)

Checked: the properties that are shown or read out (label, title,
subtitle, description, tooltip, placeholder, heading, body, text of
buttons and statuses...), accessible labels and descriptions, menu
attributes (label), and the items of a GtkStringList. A value without a
letter ("0", "·") needs no translation. A value meant to stay as it is
says so with translatable="no" and a comments="..." giving the reason.
"""
import pathlib
import sys
import xml.etree.ElementTree as ET

VISIBLE = {
    "label", "title", "subtitle", "description", "tooltip-text",
    "tooltip-markup", "placeholder-text", "heading", "body", "text",
    "secondary-text", "button-label", "copyright", "comments",
    "application-name", "section-name-visible", "primary-text",
    "accessible-name", "caption",
}


def has_letter(text):
    return any(c.isalpha() for c in text)


def check_element(path, element, owner, problems):
    value = (element.text or "").strip()
    if not value or not has_letter(value):
        return
    mark = element.get("translatable")
    if mark == "yes":
        return
    if mark == "no" and element.get("comments"):
        return
    where = f"{path}: <{element.tag} name=\"{element.get('name', '')}\"> of {owner}"
    problems.append(f"{where}: \"{value}\" is not marked translatable")


def walk(path, node, owner, in_accessibility, problems):
    for child in node:
        tag = child.tag
        if tag in ("object", "template"):
            walk(path, child, child.get("class", "?"), False, problems)
        elif tag == "accessibility":
            walk(path, child, owner, True, problems)
        elif tag == "property":
            name = child.get("name", "")
            if in_accessibility and name in ("label", "description"):
                check_element(path, child, owner + " (accessible)", problems)
            elif not in_accessibility and name in VISIBLE:
                check_element(path, child, owner, problems)
            walk(path, child, owner, in_accessibility, problems)
        elif tag == "attribute" and child.get("name") == "label":
            check_element(path, child, "menu item", problems)
        elif tag == "item" and node.tag == "items":
            check_element(path, child, owner + " item", problems)
        else:
            walk(path, child, owner, in_accessibility, problems)


def main():
    problems = []
    checked = 0
    paths = []
    for arg in sys.argv[1:]:
        arg = pathlib.Path(arg)
        paths += sorted(arg.rglob("*.ui")) if arg.is_dir() else [arg]
    for path in paths:
        walk(path, ET.parse(path).getroot(), "interface", False, problems)
        checked += 1
    for p in problems:
        print(p)
    print(f"{checked} files checked, {len(problems)} strings not marked")
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
