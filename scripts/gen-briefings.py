#!/usr/bin/env python3
"""Generates a folder of briefings in the styles real sources have (plain
text pasted from web pages, Markdown, saved HTML), 2-6 KB each, spread over
topic subfolders, for the batch tests and the batch benchmark.

usage: gen-briefings.py DIR [-n 2000] [--seed 1] [--broken 3] [--junk 2]
"""
import argparse
import os
import random

TOPICS = ["politics", "economy", "energy", "health", "transport", "culture", "science"]
NAMES = ["Maria Keller", "Tomasz Nowak", "Aiko Tanaka", "Samuel Osei", "Lena Fischer",
         "Ravi Menon", "Olga Petrenko", "Jonas Berg", "Clara Duarte", "Admin"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
SUBJECTS = ["the regional council", "the port authority", "the national grid operator",
            "the health ministry", "a coalition of city mayors", "the central bank",
            "the rail regulator", "a group of university researchers", "the water board",
            "the fisheries agency", "local business owners", "the teachers' union"]
VERBS = ["announced", "delayed", "approved", "questioned", "published", "reviewed",
         "expanded", "scaled back", "defended", "proposed"]
OBJECTS = ["a new funding plan", "the winter timetable", "its spending review",
           "a pilot programme for rural clinics", "the long-awaited audit",
           "a framework for cross-border cooperation", "emergency repairs on the coastal line",
           "a study of household energy use", "revised safety rules", "a ten-year strategy"]
CLAUSES = ["after months of consultation", "despite objections from opposition members",
           "in response to rising costs", "following a string of complaints",
           "with support from neighbouring districts", "ahead of the budget debate",
           "as demand continued to grow", "while critics called for more transparency",
           "to the surprise of most observers", "in a statement published on Monday"]
COMMENTS = ["It's a step that many residents have been waiting for.",
            "Officials say the changes won't affect existing contracts.",
            "\"We need to get this right,\" one spokesperson said.",
            "The details are expected to be debated again next month.",
            "Analysts aren't convinced the numbers add up.",
            "Some of the measures were first discussed back in the '90s.",
            "Residents can read the full report online at https://example.org/report.",
            "That's roughly twice the amount set aside last year.",
            "Nobody expects a quick resolution -- but talks will continue.",
            "The council's own figures suggest a slower rollout..."]
HEADINGS = ["What Happens Next", "Why It Matters", "The Numbers Behind the Plan",
            "Who Is Affected?", "A Closer Look at the Costs", "Reactions From the Region",
            "Background", "Key Points:", "What Critics Say", "The Road Ahead"]
LABELS = ["Funding", "Timeline", "Oversight", "Public input", "Risks", "Next steps"]


def sentence(r):
    s = f"{r.choice(SUBJECTS).capitalize()} {r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(CLAUSES)}."
    return s if r.random() < 0.7 else s + " " + r.choice(COMMENTS)


def paragraph(r):
    return " ".join(sentence(r) for _ in range(r.randint(3, 6)))


def body(r, target):
    """Sections of paragraphs and sometimes a list, until ~target bytes."""
    parts, size, used = [], 0, set()
    while size < target:
        h = r.choice(HEADINGS)
        if h in used:
            h = f"{h} ({len(used) + 1})"
        used.add(h)
        paras = [paragraph(r) for _ in range(r.randint(1, 3))]
        items = []
        if r.random() < 0.35:
            items = [(l, sentence(r)) for l in r.sample(LABELS, r.randint(2, 4))]
        parts.append((h, paras, items))
        size += sum(len(p) for p in paras) + sum(len(i[1]) for i in items) + len(h)
    return parts


def as_text(r, title, author, date, parts):
    out = [title, "", f"By {author} | {date} | {r.randint(2, 990)} views",
           "", paragraph(r), ""]
    for h, paras, items in parts:
        out += [h, ""]
        for p in paras:
            out += [p, ""]
        bullet = r.choice(["  \u2022 ", "- ", "* "])
        for l, s in items:
            out.append(f"{bullet}{l}: {s}")
        if items:
            out.append("")
        if r.random() < 0.1:
            out += ["Share this article", ""]
    return "\n".join(out)


def as_markdown(r, title, author, date, parts):
    out = ["---", f"title: \"{title}\"", f"author: {author}", f"date: {date}", "lang: en",
           "---", "", paragraph(r), ""]
    for h, paras, items in parts:
        out += [f"## {h}", ""]
        for p in paras:
            out += [p, ""]
        for l, s in items:
            out.append(f"- **{l}:** {s}")
        if items:
            out.append("")
    return "\n".join(out)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def as_html(r, title, author, date, parts):
    out = ["<!DOCTYPE html>", "<html lang=\"en\"><head><meta charset=\"utf-8\">",
           f"<title>{esc(title)} | Regional Briefing</title>",
           f"<meta name=\"author\" content=\"{esc(author)}\"></head><body>",
           "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>",
           f"<article><h1>{esc(title)}</h1><p>{esc(paragraph(r))}</p>"]
    for h, paras, items in parts:
        out.append(f"<h2>{esc(h)}</h2>")
        out += [f"<p>{esc(p)}</p>" for p in paras]
        if items:
            out.append("<ul>" + "".join(f"<li><strong>{esc(l)}:</strong> {esc(s)}</li>"
                                        for l, s in items) + "</ul>")
    out += ["</article>", "<footer>Share this article</footer></body></html>"]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("-n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--broken", type=int, default=0, help="add binary/empty/undecodable files")
    ap.add_argument("--junk", type=int, default=0, help="add non-article files to be skipped")
    a = ap.parse_args()
    r = random.Random(a.seed)
    for i in range(a.n):
        topic = TOPICS[i % len(TOPICS)]
        d = os.path.join(a.dir, topic)
        os.makedirs(d, exist_ok=True)
        title = f"{r.choice(SUBJECTS).capitalize()} {r.choice(VERBS)} {r.choice(OBJECTS)}"
        author = r.choice(NAMES)
        date = f"{r.choice(MONTHS)} {r.randint(1, 28)}, {r.randint(2019, 2026)}"
        parts = body(r, r.randint(1300, 4400))
        kind = r.random()
        if kind < 0.6:
            ext, text = "txt", as_text(r, title, author, date, parts)
        elif kind < 0.8:
            ext, text = "md", as_markdown(r, title, author, date, parts)
        else:
            ext, text = "html", as_html(r, title, author, date, parts)
        with open(os.path.join(d, f"{i:05d}.{ext}"), "w", encoding="utf-8") as f:
            f.write(text)
    bad = os.path.join(a.dir, "broken")
    kinds = [("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00binary"),
             ("empty.txt", b""),
             ("undecodable.txt", b"Caf\x81\x8d\x8f\x90 menu\n")]
    for k in range(a.broken):
        os.makedirs(bad, exist_ok=True)
        name, data = kinds[k % len(kinds)]
        with open(os.path.join(bad, f"{k:03d}-{name}"), "wb") as f:
            f.write(data)
    for k in range(a.junk):
        with open(os.path.join(a.dir, f"notes-{k}.csv"), "w") as f:
            f.write("a,b\n1,2\n")


if __name__ == "__main__":
    main()
