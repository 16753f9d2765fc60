#!/usr/bin/env python3
# Every link of the generated reference that points inside it leads to a
# page that is there (and, for #fragments, to an id on that page).
#
#   check-links.py DIRECTORY
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import glob
import html.parser
import os
import sys


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        for key in ("href", "src"):
            if attrs.get(key):
                self.links.append(attrs[key])


root = sys.argv[1]
pages = {}
for path in glob.glob(os.path.join(root, "*.html")):
    parser = Links()
    with open(path, encoding="utf-8") as f:
        parser.feed(f.read())
    pages[os.path.basename(path)] = parser

broken = []
for name, parser in sorted(pages.items()):
    for link in parser.links:
        if "://" in link or link.startswith(("mailto:", "javascript:", "/", "data:")):
            continue
        target, _, fragment = link.partition("#")
        target = target or name
        if target not in pages:
            if not os.path.exists(os.path.join(root, target)):
                broken.append(f"{name}: {link}")
            continue
        if fragment and fragment not in pages[target].ids:
            broken.append(f"{name}: {link} (no such anchor)")

print(f"{len(pages)} pages, {sum(len(p.links) for p in pages.values())} links")
for line in broken:
    print("broken:", line)
sys.exit(1 if broken else 0)
