#!/usr/bin/env python3
# Runs `gi-docgen generate` with the arguments given, then mends what
# Debian 12's gi-docgen (2023.1) gets wrong: it renders a type alias with
# its struct template, whose navigation links to struct.NAME.html, a page
# that does not exist; the alias's page is alias.NAME.html.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import glob
import os
import subprocess
import sys

command = sys.argv[1:]
subprocess.run(command, check=True)
output = next(a.split("=", 1)[1] for a in command if a.startswith("--output-dir="))
for page in glob.glob(os.path.join(output, "alias.*.html")):
    name = os.path.basename(page)[len("alias."):-len(".html")]
    with open(page, encoding="utf-8") as f:
        text = f.read()
    if not os.path.exists(os.path.join(output, f"struct.{name}.html")):
        text = text.replace(f'href="struct.{name}.html', f'href="alias.{name}.html')
    with open(page, "w", encoding="utf-8") as f:
        f.write(text)
