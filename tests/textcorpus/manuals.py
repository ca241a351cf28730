#!/usr/bin/env python3
"""A third set for the plain-text reader: real manual pages, as people wrote
them, from the documentation Debian packages carry (Python's HOWTOs and
tutorial, git's guides, the Debian Administrator's Handbook and the Debian
Reference, SQLite's pages).  Each page is cut out of its HTML the way
Mozilla Readability would give it (the article's body; navigation, local
tables of contents, permalink anchors and page furniture dropped; the title
taken out into the metadata) and written in the shape of
../shared/corpus/web-pages/*/: expected.html and expected-metadata.json.
gen.py turns the pages into text six ways and score.py scores the reader on
them (ctest text_manuals, --floors manuals).

The pages are made at test time from the installed packages, not kept in
the repository: their text is their authors', under their own licences
(PSF, GPL-2, GPL-2+/CC-BY-SA-3.0, public domain).  When a package is
missing the script exits 77 (ctest's SKIP) naming it; `scripts/deps.sh
test` installs them.

Python 3 standard library only.  Usage:
  manuals.py OUTDIR       writes OUTDIR/<page>/expected.html and
                          expected-metadata.json
  manuals.py --survey     word and heading counts of the listed pages
"""
import html.parser
import json
import os
import re
import shutil
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import squash  # noqa: E402  (the generator's: white space and no-break spaces as one)

PY = "/usr/share/doc/python3-doc/html"
GIT = "/usr/share/doc/git-doc"
HB = "/usr/share/doc/debian-handbook/html/en-US"
DR = "/usr/share/debian-reference"
SQ = "/usr/share/doc/sqlite3"

# (page name, kind, source file, section id for a cut-out section or None)
PAGES = [
    # Python HOWTOs, tutorial chapters and What's New (Sphinx)
    ("python-howto-annotations", "sphinx", PY + "/howto/annotations.html", None),
    ("python-howto-argparse", "sphinx", PY + "/howto/argparse.html", None),
    ("python-howto-curses", "sphinx", PY + "/howto/curses.html", None),
    ("python-howto-descriptor", "sphinx", PY + "/howto/descriptor.html", None),
    ("python-howto-functional", "sphinx", PY + "/howto/functional.html", None),
    ("python-howto-ipaddress", "sphinx", PY + "/howto/ipaddress.html", None),
    ("python-howto-logging", "sphinx", PY + "/howto/logging.html", None),
    ("python-howto-sockets", "sphinx", PY + "/howto/sockets.html", None),
    ("python-howto-sorting", "sphinx", PY + "/howto/sorting.html", None),
    ("python-howto-unicode", "sphinx", PY + "/howto/unicode.html", None),
    ("python-howto-urllib2", "sphinx", PY + "/howto/urllib2.html", None),
    ("python-tutorial-appetite", "sphinx", PY + "/tutorial/appetite.html", None),
    ("python-tutorial-whatnow", "sphinx", PY + "/tutorial/whatnow.html", None),
    ("python-tutorial-floatingpoint", "sphinx", PY + "/tutorial/floatingpoint.html", None),
    ("python-tutorial-errors", "sphinx", PY + "/tutorial/errors.html", None),
    ("python-tutorial-stdlib", "sphinx", PY + "/tutorial/stdlib.html", None),
    ("python-tutorial-classes", "sphinx", PY + "/tutorial/classes.html", None),
    ("python-whatsnew-3-0", "sphinx", PY + "/whatsnew/3.0.html", None),
    ("python-whatsnew-3-1", "sphinx", PY + "/whatsnew/3.1.html", None),
    # Git howtos and guides (AsciiDoc)
    ("git-howto-revert-a-faulty-merge", "asciidoc", GIT + "/howto/revert-a-faulty-merge.html", None),
    ("git-howto-maintain-git", "asciidoc", GIT + "/howto/maintain-git.html", None),
    ("git-howto-setup-server-over-http", "asciidoc", GIT + "/howto/setup-git-server-over-http.html", None),
    ("git-howto-signed-tag-in-pull-request", "asciidoc", GIT + "/howto/using-signed-tag-in-pull-request.html", None),
    ("git-howto-recover-object-harder", "asciidoc", GIT + "/howto/recover-corrupted-object-harder.html", None),
    ("git-howto-rebase-from-internal-branch", "asciidoc", GIT + "/howto/rebase-from-internal-branch.html", None),
    ("git-bisect-lk2009", "asciidoc", GIT + "/git-bisect-lk2009.html", None),
    ("git-gittutorial", "asciidoc", GIT + "/gittutorial.html", None),
    ("git-gitworkflows", "asciidoc", GIT + "/gitworkflows.html", None),
    ("git-giteveryday", "asciidoc", GIT + "/giteveryday.html", None),
    ("git-gitcvs-migration", "asciidoc", GIT + "/gitcvs-migration.html", None),
    ("git-reviewing-guidelines", "asciidoc", GIT + "/ReviewingGuidelines.html", None),
    # The Debian Administrator's Handbook (DocBook/Publican), one section page each
    ("debian-handbook-apt-get", "handbook", HB + "/sect.apt-get.html", None),
    ("debian-handbook-computer-layers", "handbook", HB + "/sect.computer-layers.html", None),
    ("debian-handbook-kernel-role", "handbook", HB + "/sect.kernel-role-and-tasks.html", None),
    ("debian-handbook-compromised-machine", "handbook", HB + "/sect.dealing-with-compromised-machine.html", None),
    ("debian-handbook-release-lifecycle", "handbook", HB + "/sect.release-lifecycle.html", None),
    ("debian-handbook-backup", "handbook", HB + "/sect.backup.html", None),
    ("debian-handbook-why-gnu-linux", "handbook", HB + "/sect.why-gnu-linux.html", None),
    ("debian-handbook-regular-upgrades", "handbook", HB + "/sect.regular-upgrades.html", None),
    # Debian Reference (DocBook), one top-level section of a chapter each
    ("debian-reference-console-basics", "docbook", DR + "/ch01.en.html", "_console_basics"),
    ("debian-reference-package-management-prerequisites", "docbook", DR + "/ch02.en.html",
     "_debian_package_management_prerequisites"),
    ("debian-reference-recovery-broken-system", "docbook", DR + "/ch02.en.html",
     "_recovery_from_a_broken_system"),
    ("debian-reference-security-of-authentication", "docbook", DR + "/ch04.en.html",
     "_security_of_authentication"),
    # SQLite documentation (hand-made HTML)
    ("sqlite-whentouse", "sqlite", SQ + "/whentouse.html", None),
    ("sqlite-lockingv3", "sqlite", SQ + "/lockingv3.html", None),
    ("sqlite-howtocorrupt", "sqlite", SQ + "/howtocorrupt.html", None),
    ("sqlite-testing", "sqlite", SQ + "/testing.html", None),
    ("sqlite-fasterthanfs", "sqlite", SQ + "/fasterthanfs.html", None),
    ("sqlite-appfileformat", "sqlite", SQ + "/appfileformat.html", None),
    ("sqlite-different", "sqlite", SQ + "/different.html", None),
    ("sqlite-isolation", "sqlite", SQ + "/isolation.html", None),
    ("sqlite-serverless", "sqlite", SQ + "/serverless.html", None),
]

# ---------------------------------------------------------------------------
# A small HTML tree, built with html.parser and the HTML5 rules that matter
# for these sources (void elements, implied </p>, </li>, </td>, ...).

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "keygen"}
# a start tag of these closes an open <p> (HTML5 "close a p element")
CLOSES_P = {"address", "article", "aside", "blockquote", "center", "details", "dialog", "dir",
            "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
            "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre",
            "section", "summary", "table", "ul", "li", "dd", "dt"}
P_SCOPE = {"applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
           "button"}
LI_SCOPE = P_SCOPE | {"ol", "ul"}


class Node:
    __slots__ = ("tag", "attrs", "parent", "children")

    def __init__(self, tag, attrs=None, parent=None):
        self.tag = tag
        self.attrs = dict(attrs or [])
        self.parent = parent
        self.children = []

    # --- queries
    def cls(self):
        return (self.attrs.get("class") or "").split()

    def has_class(self, c):
        return c in self.cls()

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, pred):
        return [n for n in self.iter() if pred(n)]

    def find(self, pred):
        for n in self.iter():
            if pred(n):
                return n
        return None

    def elements(self):
        return [c for c in self.children if isinstance(c, Node)]

    def text(self):
        out = []
        for c in self.children:
            if isinstance(c, str):
                out.append(c)
            elif c.tag not in ("script", "style"):
                out.append(c.text())
        return "".join(out)

    # --- edits
    def remove(self):
        if self.parent is not None:
            self.parent.children = [c for c in self.parent.children if c is not self]
            self.parent = None

    def unwrap(self):
        p = self.parent
        if p is None:
            return
        i = next(k for k, c in enumerate(p.children) if c is self)
        for c in self.children:
            if isinstance(c, Node):
                c.parent = p
        p.children[i:i + 1] = self.children
        self.parent = None

    def replace_with(self, other):
        p = self.parent
        i = next(k for k, c in enumerate(p.children) if c is self)
        p.children[i] = other
        other.parent = p
        self.parent = None

    def append(self, child):
        if isinstance(child, Node):
            child.parent = self
        self.children.append(child)


class TreeBuilder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]

    def _close_to(self, idx):
        del self.stack[idx:]

    def _find_open(self, tag, scope):
        for i in range(len(self.stack) - 1, 0, -1):
            t = self.stack[i].tag
            if t == tag:
                return i
            if t in scope:
                return None
        return None

    def handle_starttag(self, tag, attrs):
        if tag in CLOSES_P:
            i = self._find_open("p", P_SCOPE)
            if i is not None:
                self._close_to(i)
        if tag == "li":
            i = self._find_open("li", LI_SCOPE)
            if i is not None:
                self._close_to(i)
        if tag in ("dt", "dd"):
            for t in ("dt", "dd"):
                i = self._find_open(t, P_SCOPE | {"dl"})
                if i is not None:
                    self._close_to(i)
        if tag in ("td", "th"):
            for t in ("td", "th"):
                i = self._find_open(t, {"tr", "table"})
                if i is not None:
                    self._close_to(i)
        if tag == "tr":
            i = self._find_open("tr", {"table", "thead", "tbody", "tfoot"})
            if i is not None:
                self._close_to(i)
        if tag in ("thead", "tbody", "tfoot"):
            for t in ("thead", "tbody", "tfoot"):
                i = self._find_open(t, {"table"})
                if i is not None:
                    self._close_to(i)
        if tag == "option":
            i = self._find_open("option", {"select"})
            if i is not None:
                self._close_to(i)
        n = Node(tag, attrs, self.stack[-1])
        self.stack[-1].children.append(n)
        if tag not in VOID:
            self.stack.append(n)

    def handle_startendtag(self, tag, attrs):
        # XHTML "<a id='x'/>": an empty element
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                self._close_to(i)
                return
        # stray end tag: ignored

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    b = TreeBuilder()
    b.feed(text)
    b.close()
    return b.root


def tag_is(*tags):
    return lambda n: n.tag in tags


def with_class(tag, c):
    return lambda n: (tag is None or n.tag == tag) and n.has_class(c)


def by_id(i):
    return lambda n: n.attrs.get("id") == i


def drop(root, pred):
    for n in root.find_all(pred):
        if n.parent is not None:
            n.remove()


def retag(root, pred, tag, keep_attrs=False):
    for n in root.find_all(pred):
        n.tag = tag
        if not keep_attrs:
            n.attrs = {}


def strip_email(s):
    s = re.sub(r"<[^>]*>", " ", s)
    s = re.sub(r"\S+@\S+", " ", s)
    return re.sub(r"\s+,", ",", squash(s)).strip(" ,;")


# ---------------------------------------------------------------------------
# Per-source extraction rules: each returns (body node, title, byline)

def rule_sphinx(path, _sect):
    root = parse(path)
    body = root.find(lambda n: n.attrs.get("role") == "main")
    h1 = body.find(tag_is("h1"))
    drop(h1, with_class("a", "headerlink"))
    title = squash(h1.text())
    h1.remove()
    byline = None
    # the docinfo field list (Author, Release, ...) is the byline, not text
    for dl in body.find_all(with_class("dl", "field-list")):
        dts = [c for c in dl.elements() if c.tag == "dt"]
        dds = [c for c in dl.elements() if c.tag == "dd"]
        fields = {squash(dt.text()).rstrip(":").strip(): dd for dt, dd in zip(dts, dds)}
        if "Author" in fields or "Release" in fields or "Date" in fields:
            if "Author" in fields and not byline:
                byline = strip_email(fields["Author"].text())
            dl.remove()
    drop(body, lambda n: n.tag == "nav" or (n.has_class("contents") and n.has_class("topic")))
    drop(body, with_class("a", "headerlink"))
    # footnotes: "[1] text" as a paragraph, the backlink made plain text
    for fn in body.find_all(with_class("aside", "footnote")):
        label = fn.find(with_class("span", "label"))
        first_p = fn.find(tag_is("p"))
        if label is not None and first_p is not None:
            lt = squash(label.text())
            label.remove()
            first_p.children.insert(0, lt + " ")
        fn.tag = "div"
        fn.attrs = {}
    retag(body, tag_is("aside"), "div")
    return body, title, byline


def git_txt_header(path):
    """The mail header of a git howto's .txt source: (From names, Subject)."""
    txt = path[:-5] + ".txt"
    if not os.path.exists(txt):
        return None
    head = {}
    with open(txt, encoding="utf-8", errors="replace") as f:
        for line in f:
            if not line.strip():
                break
            m = re.match(r"([A-Za-z-]+):\s*(.*)", line)
            if m:
                head[m.group(1)] = m.group(2).strip()
    if "From" not in head:
        return None
    return strip_email(head["From"])


def label_box(label):
    """An admonition as a div that starts with its label in bold ("Note"),
    as Readability gives a box laid out as a table of icon and text."""
    d = Node("div")
    if label:
        p = Node("p")
        p.append(Node("strong"))
        p.children[0].append(label)
        d.append(p)
    return d


def rule_asciidoc(path, _sect):
    root = parse(path)
    header = root.find(by_id("header"))
    content = root.find(by_id("content"))
    byline = None
    h1 = header.find(tag_is("h1"))
    title = squash(h1.text()) if h1 is not None else ""
    author = header.find(by_id("author"))
    if author is not None:
        byline = squash(author.text())
    if re.search(r"\(\d\)\s*Manual Page", title):
        # a manual page: the NAME line is "gittutorial - A tutorial ..."
        name = header.find(with_class("div", "sectionbody"))
        nm = squash(name.text())
        title = nm.split(" - ", 1)[1] if " - " in nm else nm
        title = title[:1].upper() + title[1:]
    if path.split("/")[-2] == "howto":
        byline = git_txt_header(path) or byline
    drop(content, by_id("toc"))
    drop(content, by_id("footnotes"))
    drop(content, by_id("footer"))
    # manual page furniture: a SYNOPSIS of "git *" and "Part of the git(1) suite"
    for s in content.find_all(with_class("div", "sect1")):
        h = s.find(tag_is("h2"))
        ht = squash(h.text()) if h else ""
        if ht == "GIT" or (ht == "SYNOPSIS" and len(squash(s.text())) < 40):
            s.remove()
    # admonitions: "Note" and the text, not a two-cell table
    for adm in content.find_all(with_class("div", "admonitionblock")):
        icon = adm.find(with_class("td", "icon"))
        cont = adm.find(with_class("td", "content"))
        label = squash(icon.text()) if icon else ""
        d = label_box(label)
        if cont is not None:
            if any(isinstance(c, Node) and c.tag in BLOCK_OUT for c in cont.children):
                for c in list(cont.children):
                    d.append(c)
            else:
                p = Node("p")
                for c in list(cont.children):
                    p.append(c)
                d.append(p)
        adm.replace_with(d)
    # block titles ("Rule: Merge upwards", "Example 1. ...") read as paragraphs
    retag(content, with_class("div", "title"), "p")
    drop(content, with_class("div", "attribution"))
    for q in content.find_all(with_class("div", "quoteblock")):
        q.tag = "blockquote"
        q.attrs = {}
    return content, title, byline


ADMONITIONS = {"note", "tip", "caution", "important", "warning"}


def docbook_title(sec):
    tp = next((c for c in sec.elements() if c.has_class("titlepage")), None)
    h = tp.find(tag_is("h1", "h2", "h3", "h4")) if tp else None
    title = squash(h.text()) if h is not None else ""
    if tp is not None:
        tp.remove()
    return title


def docbook_common(sec):
    drop(sec, with_class("a", "indexterm"))
    drop(sec, with_class("div", "toc"))
    drop(sec, with_class("ul", "docnav"))
    # section title pages: keep only the heading
    for tp in sec.find_all(with_class("div", "titlepage")):
        h = tp.find(tag_is("h1", "h2", "h3", "h4", "h5", "h6"))
        if h is not None and h.parent is not tp:
            h.remove()
            tp.replace_with(h)
        elif h is None:
            # sidebar / example / table titles: a <p class="title"> stays as a paragraph
            tp.unwrap()
    # figures: the picture and its caption
    for fig in sec.find_all(with_class("div", "figure")):
        fig.tag = "figure"
        cap = fig.find(with_class("p", "title"))
        if cap is not None:
            cap.tag = "figcaption"
            cap.remove()
            fig.append(cap)
    retag(sec, with_class("div", "para"), "p")
    # DocBook admonitions laid out as a table (icon, "Note", text): the label
    # and the text, not a table
    for adm in sec.find_all(lambda n: n.tag == "div" and set(n.cls()) & ADMONITIONS):
        table = adm.find(tag_is("table"))
        if table is None:
            continue
        th = table.find(tag_is("th"))
        label = squash(th.text()) if th is not None else ""
        cells = [td for td in table.find_all(tag_is("td")) if not td.find(tag_is("img"))]
        d = label_box(label)
        for td in cells:
            for c in list(td.children):
                d.append(c)
        adm.replace_with(d)
    # callout/footnote backlinks
    for fnd in sec.find_all(with_class("div", "footnote")):
        for a in fnd.find_all(lambda n: n.tag == "a" and n.attrs.get("href", "").startswith("#")):
            a.unwrap()
    return sec


def rule_handbook(path, _sect):
    root = parse(path)
    sec = root.find(lambda n: n.tag == "div" and (n.has_class("section") or n.has_class("chapter")))
    title = docbook_title(sec)
    return docbook_common(sec), title, None


def rule_docbook(path, sect):
    """One top-level section (by anchor id) of a Debian Reference chapter."""
    root = parse(path)
    anchor = root.find(lambda n: n.tag == "a" and n.attrs.get("id") == sect)
    sec = anchor
    while sec is not None and not (sec.tag == "div" and sec.has_class("section")):
        sec = sec.parent
    title = docbook_title(sec)
    return docbook_common(sec), title, None


def rule_sqlite(path, _sect):
    root = parse(path)
    body = root.find(tag_is("body"))
    # the page starts after the site menu and its script
    drop(body, with_class("div", "nosearch"))
    drop(body, tag_is("script", "style", "form"))
    # "This page last modified on ..." is the site footer
    for p in body.find_all(tag_is("p")):
        if "This page last modified" in p.text():
            p.remove()
    title = None
    ft = body.find(with_class("div", "fancy_title"))
    if ft is not None:
        title = squash(ft.text())
        ft.remove()
        fancy = True
    else:
        fancy = False
        h1 = body.find(tag_is("h1"))
        if h1 is not None and not body.find_all(tag_is("h1"))[1:]:
            title = squash(h1.text())
            h1.remove()
    if title is None:
        t = root.find(tag_is("title"))
        title = squash(t.text()) if t else ""
    if fancy or body.find(tag_is("h1")):
        # the sections of a "fancy" page are h1 (h2, h3 below): one level down,
        # the hierarchy kept, so that no h1 stays in the body.  An unnumbered
        # h2 before the first section ("Overview") is top level: it stays h2.
        seen_h1 = False
        for h in body.find_all(tag_is("h1", "h2", "h3", "h4", "h5")):
            if h.tag == "h1":
                seen_h1 = True
            if seen_h1:
                h.tag = "h%d" % (int(h.tag[1]) + 1)
    return body, title, None


RULES = {"sphinx": rule_sphinx, "asciidoc": rule_asciidoc, "handbook": rule_handbook,
         "docbook": rule_docbook, "sqlite": rule_sqlite}

# ---------------------------------------------------------------------------
# The common cleaner: a whitelist of Readability's output elements

BLOCK_OUT = {"div", "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "pre", "table", "thead",
             "tbody", "tfoot", "tr", "td", "th", "caption", "blockquote", "figure", "figcaption",
             "dl", "dt", "dd", "hr"}
INLINE_OUT = {"a", "b", "i", "em", "strong", "code", "sup", "sub", "kbd", "var", "samp", "br",
              "img", "u", "s", "del", "ins"}
RENAME = {"section": "div", "article": "div", "main": "div", "tt": "code", "center": "div",
          "h1": "h2"}
DROP = {"script", "style", "noscript", "template", "nav", "form", "input", "button", "select",
        "textarea", "iframe", "svg", "object", "embed", "colgroup", "col", "head", "title",
        "link", "meta", "map", "area", "label"}
KEEP_ATTRS = {"a": ("href",), "img": ("src", "alt"), "td": ("colspan", "rowspan"),
              "th": ("colspan", "rowspan"), "ol": ("start",)}


def clean(node, in_pre=False):
    """Clean NODE's children in place (NODE itself is kept)."""
    new = []
    for c in node.children:
        if isinstance(c, str):
            new.append(c)
            continue
        t = RENAME.get(c.tag, c.tag)
        if t in DROP:
            continue
        c.tag = t
        clean(c, in_pre or t == "pre")
        if t == "a":
            href = c.attrs.get("href", "")
            if not href or href.startswith("javascript:") or not squash(c.text()) and \
                    not c.find(tag_is("img")):
                # a named anchor or an empty link: its content only
                new.extend(_reparent(c.children, node))
                continue
        if t in BLOCK_OUT or t in INLINE_OUT:
            c.attrs = {k: v for k, v in c.attrs.items() if k in KEEP_ATTRS.get(t, ())}
            if t == "img" and not c.attrs.get("src"):
                continue
            new.append(c)
        else:
            # span, font, small, acronym, abbr, cite, q, dfn, big, ...: the content only
            new.extend(_reparent(c.children, node))
    node.children = new


def _reparent(children, parent):
    for x in children:
        if isinstance(x, Node):
            x.parent = parent
    return children


def has_content(n):
    if n.tag in ("img", "br", "hr"):
        return True
    if squash(n.text()):
        return True
    return n.find(tag_is("img")) is not None


def prune(node):
    """Remove empty blocks and merge pointless wrappers, bottom up."""
    for c in node.elements():
        prune(c)
    new = []
    for c in node.children:
        if isinstance(c, Node):
            if c.tag in ("td", "th", "tr", "br", "hr", "img"):
                new.append(c)
                continue
            if not has_content(c):
                continue
            if c.tag == "pre":
                new.append(c)
                continue
            els = c.elements()
            blocks = [e for e in els if e.tag in BLOCK_OUT]
            if c.tag == "div":
                loose = squash("".join(x for x in c.children if isinstance(x, str)))
                inline = [e for e in els if e.tag not in BLOCK_OUT]
                if not blocks:
                    # a div of phrasing content is a paragraph (as Readability makes it)
                    c.tag = "p"
                elif len(blocks) == 1 and not loose and not inline:
                    # a wrapper around a single block
                    new.extend(_reparent([blocks[0]], node))
                    continue
            if c.tag == "p" and blocks:
                # a <p> holding blocks (bad source HTML): a div
                c.tag = "div"
        new.append(c)
    node.children = new


def normalize_headings(body):
    """Heading text on one line, without anchors inside; no headings in
    headings; a heading wrapped in a paragraph is just a heading."""
    for h in body.find_all(tag_is("h2", "h3", "h4", "h5", "h6")):
        for a in h.find_all(tag_is("a")):
            if a is not h:
                a.unwrap()
        for b in h.find_all(tag_is("br")):
            b.replace_with(" ")
        if not h.elements():
            h.children = [squash(h.text())]


def pre_text_fix(body):
    """Inside pre only text and inline code/b/i/em/strong stay."""
    for pre in body.find_all(tag_is("pre")):
        for n in pre.find_all(lambda x: x is not pre and x.tag not in (
                "code", "b", "strong", "i", "em", "a", "br")):
            if n.parent is not None:
                n.unwrap()


# ---------------------------------------------------------------------------
# Serializer: well-formed HTML, entities escaped, whitespace tidied

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        "\xa0", "&#160;")


def esc_attr(s):
    return esc(s).replace('"', "&quot;")


def serialize(n, out, depth, in_pre=False):
    ind = "    " * depth
    attrs = "".join(' %s="%s"' % (k, esc_attr(v or "")) for k, v in n.attrs.items())
    if n.tag in VOID:
        out.append("<%s%s>" % (n.tag, attrs) if n.tag not in BLOCK_OUT else
                   "\n%s<%s%s>" % (ind, n.tag, attrs))
        return
    if in_pre or n.tag == "pre":
        if n.tag == "pre":
            out.append("\n%s<pre%s>" % (ind, attrs))
        else:
            out.append("<%s%s>" % (n.tag, attrs))
        for c in n.children:
            if isinstance(c, str):
                out.append(esc(c))
            else:
                serialize(c, out, depth + 1, True)
        out.append("</%s>" % n.tag)
        return
    block = n.tag in BLOCK_OUT
    if block:
        out.append("\n%s<%s%s>" % (ind, n.tag, attrs))
    else:
        out.append("<%s%s>" % (n.tag, attrs))
    kids = n.children
    has_block_kids = any(isinstance(c, Node) and c.tag in BLOCK_OUT for c in kids)
    parts = []
    for c in kids:
        if isinstance(c, str):
            t = re.sub(r"[ \t\r\n\f]+", " ", c)
            parts.append(("s", t))
        else:
            parts.append(("n", c))
    # trim whitespace at the edges of blocks and around child blocks
    for i, (k, v) in enumerate(parts):
        if k != "s":
            continue
        prev_block = i == 0 and block or (i > 0 and parts[i - 1][0] == "n" and
                                         parts[i - 1][1].tag in BLOCK_OUT)
        next_block = i == len(parts) - 1 and block or (
            i + 1 < len(parts) and parts[i + 1][0] == "n" and parts[i + 1][1].tag in BLOCK_OUT)
        if prev_block:
            v = v.lstrip(" ")
        if next_block:
            v = v.rstrip(" ")
        parts[i] = (k, v)
    for k, v in parts:
        if k == "s":
            if v:
                out.append(esc(v) if not has_block_kids else
                           esc(v) if v.strip() else "")
        else:
            serialize(v, out, depth + 1)
    if block and has_block_kids:
        out.append("\n%s</%s>" % (ind, n.tag))
    else:
        out.append("</%s>" % n.tag)


def to_html(body):
    out = ['<div id="readability-page-1" class="page">']
    for c in body.children:
        if isinstance(c, Node):
            serialize(c, out, 1)
        elif squash(c):
            out.append(esc(re.sub(r"\s+", " ", c)))
    out.append("\n</div>\n")
    return "".join(out)


def first_paragraph(body):
    for p in body.iter():
        if p.tag == "p":
            t = squash(p.text())
            if len(t) >= 1:
                return t
    return None


def word_count(body):
    return len(squash(body.text()).split())


def build(name, kind, path, sect):
    body, title, byline = RULES[kind](path, sect)
    clean(body)
    normalize_headings(body)
    pre_text_fix(body)
    prune(body)
    meta = {"title": title, "byline": byline or None, "dir": None, "lang": "en",
            "excerpt": first_paragraph(body), "siteName": None, "publishedTime": None,
            "readerable": True}
    return to_html(body), meta, body


PACKAGES = {PY: "python3-doc", GIT: "git-doc", HB: "debian-handbook",
            DR: "debian-reference-en", SQ: "sqlite3-doc"}


def main(argv):
    missing = sorted({pkg for root, pkg in PACKAGES.items()
                      for _, _, path, _ in PAGES if path.startswith(root + "/")
                      and not os.path.exists(path)})
    if missing:
        print("manuals: the pages' sources are not installed (Debian packages %s; "
              "scripts/deps.sh test installs them): SKIP" % ", ".join(missing))
        return 77
    if argv[1:2] == ["--survey"]:
        for name, kind, path, sect in PAGES:
            _, meta, body = build(name, kind, path, sect)
            hs = body.find_all(tag_is("h2", "h3", "h4", "h5", "h6"))
            print("%-42s %6d words %3d headings  %s" % (name, word_count(body), len(hs),
                                                        meta["title"]))
        return 0
    if len(argv) != 2 or argv[1].startswith("-"):
        print("usage: manuals.py OUTDIR | --survey", file=sys.stderr)
        return 2
    outdir = argv[1]
    os.makedirs(outdir, exist_ok=True)
    names = {p[0] for p in PAGES}
    # remove page directories this script made before and no longer lists
    for d in os.listdir(outdir):
        pd = os.path.join(outdir, d)
        if (os.path.isdir(pd) and d not in names and
                sorted(os.listdir(pd)) == ["expected-metadata.json", "expected.html"]):
            shutil.rmtree(pd)
    for name, kind, path, sect in PAGES:
        page_html, meta, body = build(name, kind, path, sect)
        pd = os.path.join(outdir, name)
        os.makedirs(pd, exist_ok=True)
        with open(os.path.join(pd, "expected.html"), "w", encoding="utf-8") as f:
            f.write(page_html)
        with open(os.path.join(pd, "expected-metadata.json"), "w", encoding="utf-8") as f:
            json.dump(meta, f, ensure_ascii=False, indent=2)
            f.write("\n")
    print("manuals: %d pages in %s" % (len(PAGES), outdir))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
