#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""isthmus view, in a real browser: the page is rendered by headless
Chromium (Debian's chromium), its DOM is read back and checked against
'isthmus tag' on the same text (every entity highlighted, with its id and
label, in order; the page's text is the document's text), topics and
their evidence are on the page, and a screenshot is taken and must show
a rendered page (a PNG of the window's size with real content).

Usage: view.py ISTHMUS_BINARY PROJECT_ROOT"""
import html.parser
import json
import os
import shutil
import struct
import subprocess
import sys

from cases import run_cases

SAMPLE = os.path.join("data", "samples", "panama-visit.txt")


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Dom(html.parser.HTMLParser):
    """The entities (mark.ent: id, label, text without its label tag),
    the topics (li.topic) and the text of p.text as rendered."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.marks, self.topics, self.cues = [], [], 0
        self.stack, self.text, self.in_text, self.lbl = [], [], 0, 0
        self.mark = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class", "")
        self.stack.append((tag, cls))
        if tag == "p" and cls == "text":
            self.in_text += 1
        elif tag == "mark" and cls == "ent" and self.in_text:
            self.mark = {"id": a.get("data-id"), "label": a.get(
                "data-label"), "text": "", "title": a.get("title", "")}
        elif tag == "span" and cls == "lbl":
            self.lbl += 1
        elif tag == "span" and cls == "cue":
            self.cues += 1
        elif tag == "li" and cls == "topic":
            self.topics.append(a.get("data-topic"))

    def handle_endtag(self, tag):
        t, cls = self.stack.pop()
        if t == "p" and cls == "text":
            self.in_text -= 1
        elif t == "mark" and self.mark is not None:
            self.marks.append(self.mark)
            self.mark = None
        elif t == "span" and cls == "lbl":
            self.lbl -= 1

    def handle_data(self, data):
        if self.in_text and not self.lbl:
            self.text.append(data)
            if self.mark is not None:
                self.mark["text"] += data


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def case_chromium_renders_view(binary, root, tmp):
    browser = chromium()
    if not browser:
        return ["no chromium: tools/install-deps.sh --test installs it"]
    page = os.path.join(tmp, "page.html")
    p = subprocess.run([binary, "view", "-o", page, SAMPLE],
                       capture_output=True, cwd=root, timeout=120)
    if p.returncode:
        return ["view: exit %d: %s" % (p.returncode, p.stderr.decode())]
    tag = json.loads(subprocess.run(
        [binary, "tag", "--offsets", "codepoints", SAMPLE],
        capture_output=True, cwd=root, timeout=120, check=True).stdout)
    text = open(os.path.join(root, SAMPLE), encoding="utf-8").read()
    flags = ["--headless", "--no-sandbox", "--disable-gpu",
             "--hide-scrollbars", "--user-data-dir=" + os.path.join(
                 tmp, "profile")]
    url = "file://" + page
    p = subprocess.run([browser] + flags + ["--dump-dom", url],
                       capture_output=True, timeout=120, cwd=tmp)
    problems = []
    dom = Dom()
    dom.feed(p.stdout.decode("utf-8"))
    want = [(e["id"] or "", e["label"], e["text"]) for e in tag["entities"]]
    got = [(m["id"], m["label"], m["text"]) for m in dom.marks]
    if got != want:
        problems.append("entities on the page differ from tag's:\n  got  %s"
                        "\n  want %s" % (got[:8], want[:8]))
    for m in dom.marks:
        if m["label"] not in m["title"] or (m["id"] and m["id"] not in
                                            m["title"]):
            problems.append("hover text %r lacks the label or id" %
                            m["title"])
            break
    if "".join(dom.text) != text:
        problems.append("the page's text is not the document's text")
    labelled = [t["label"] for t in tag["topics"]]
    if dom.topics != labelled:
        problems.append("topics %s, want %s" % (dom.topics, labelled))
    if dom.cues < 5:
        problems.append("only %d evidence cues highlighted" % dom.cues)
    shot = os.path.join(tmp, "shot.png")
    p = subprocess.run([browser] + flags + [
        "--window-size=1200,1400", "--screenshot=" + shot, url],
        capture_output=True, timeout=120, cwd=tmp)
    size = png_size(shot) if os.path.exists(shot) else None
    if size != (1200, 1400):
        problems.append("screenshot: %s, want a 1200x1400 PNG (%s)" % (
            size, p.stderr.decode()[-300:]))
    elif os.path.getsize(shot) < 30000:
        problems.append("screenshot is %d bytes: a blank page?" %
                        os.path.getsize(shot))
    keep = os.environ.get("ISTHMUS_VIEW_SCREENSHOT")
    if keep and os.path.exists(shot):
        shutil.copy(shot, keep)
    return problems


if __name__ == "__main__":
    sys.exit(run_cases([case_chromium_renders_view]))
