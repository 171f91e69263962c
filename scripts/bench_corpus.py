#!/usr/bin/env python3
"""Generate a deterministic benchmark corpus for paperflow from the papers in data/raw.

The corpus mimics the real layouts of the four formats the Python peers also read: by bytes about
60% Hugging Face daily pages (2024 and 2025-26 layouts, with their data-props JSON and DOM cards),
20% arXiv /recent listings, 10% arXiv API Atom feeds and 10% HF text dumps. Papers are perturbed
(sentences shuffled, words swapped, non-ASCII and NFD text added) and about 15% of the papers on a
page repeat a paper from an earlier page. The same seed and size always give the same bytes.

Usage: bench_corpus.py OUT_DIR [--size-mb 100] [--seed 1] [--raw data/raw]
"""
import argparse
import html
import json
import os
import random
import unicodedata
import zlib

FIRST = ["Wei", "Anna", "José", "Zoë", "Li", "Mohammed", "Sofía", "Jürgen", "Priya", "Chen", "Olga", "Kenji",
         "Amélie", "Noah", "Fatima", "Björn", "Hiroshi", "Élodie", "Ivan", "Mei", "Lars", "Ana", "Tomás", "Yuki"]
LAST = ["Zhang", "Müller", "García", "Smith", "Kowalski", "Nguyen", "Sato", "Ivanova", "Dubois", "Rossi", "Kim",
        "Öztürk", "Andersen", "Silva", "Novák", "Li", "Patel", "Çelik", "Håkansson", "Wang", "Lefèvre", "Ng"]
EXTRA = ["naïve", "café", "Schrödinger", "Gödel", "Δ-tuning", "résumé", "coöperation", "Ångström", "façade"]
CATEGORIES = ["cs.CL", "cs.LG", "cs.AI", "cs.CV", "cs.IR", "stat.ML", "cs.NE", "cs.RO"]
SUBJECT_NAMES = {"cs.CL": "Computation and Language", "cs.LG": "Machine Learning", "cs.AI": "Artificial Intelligence",
                 "cs.CV": "Computer Vision and Pattern Recognition", "cs.IR": "Information Retrieval",
                 "stat.ML": "Machine Learning", "cs.NE": "Neural and Evolutionary Computing", "cs.RO": "Robotics"}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
CHROME = {"new", "Subscribe", "Daily Papers", "byAK and the research community"}


def seed_papers(raw):
    """(title, abstract) pairs from the text dumps in `raw` (a line of 300+ characters is an abstract)."""
    papers = []
    for name in sorted(os.listdir(raw)):
        if not name.endswith(".txt"):
            continue
        lines = [l.strip() for l in open(os.path.join(raw, name), encoding="utf-8", errors="replace").read().split("\n")]
        lines = [l for l in lines if l]
        for i, line in enumerate(lines):
            if len(line) >= 300 and i > 0:
                title = lines[i - 1]
                if title.startswith("Subscribe") and len(title) > 9:
                    title = title[9:]
                papers.append((title, line))
    if not papers:
        raise SystemExit(f"no papers found in {raw}")
    return papers


class Corpus:
    def __init__(self, papers, seed):
        self.papers = papers
        self.rng = random.Random(seed)
        self.serial = 0
        self.seen = []

    def paper(self):
        """A new perturbed paper, or (about 15% of the time) one already used on an earlier page."""
        if self.seen and self.rng.random() < 0.15:
            return self.rng.choice(self.seen)
        title, abstract = self.papers[self.serial % len(self.papers)]
        self.serial += 1
        rng = self.rng
        sentences = abstract.split(". ")
        rng.shuffle(sentences)
        words = ". ".join(sentences).split(" ")
        for _ in range(3):
            i, j = rng.randrange(len(words)), rng.randrange(len(words))
            words[i], words[j] = words[j], words[i]
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), rng.choice(EXTRA))
        abstract = " ".join(words)
        if rng.random() < 0.1:
            abstract = unicodedata.normalize("NFD", abstract)
        if self.serial > len(self.papers):
            title = f"{title} ({rng.choice(['Revisited', 'Extended', 'at Scale', 'Redux', 'II'])} {self.serial // len(self.papers)})"
        number = 10000 + self.serial
        paper = {
            "id": f"{24 + self.serial % 3:02d}{1 + self.serial % 12:02d}.{number:05d}",
            "title": title,
            "abstract": abstract,
            "authors": [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(1, 12))],
            "published": f"2024-{1 + self.serial % 12:02d}-{1 + self.serial % 28:02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00.000Z",
            "upvotes": rng.randint(0, 300),
            "comments": rng.randint(0, 9),
            "categories": rng.sample(CATEGORIES, rng.randint(1, 3)),
        }
        self.seen.append(paper)
        return paper

    def page(self, count):
        return [self.paper() for _ in range(count)]


def hf_daily(papers, day, modern):
    items = []
    for p in papers:
        authors = [{"_id": f"{zlib.crc32(a.encode()):024x}", "name": html.escape(a, quote=False) if modern else a, "hidden": False}
                   for a in p["authors"]]
        paper = {"id": p["id"], "authors": authors, "publishedAt": p["published"], "title": p["title"],
                 "summary": p["abstract"], "upvotes": p["upvotes"], "discussionId": f"{p['upvotes']:024x}"}
        if modern:
            paper["submittedOnDailyAt"] = f"{day}T09:00:00.000Z"
            paper["ai_keywords"] = ["llm", "fine-tuning"]
        items.append({"paper": paper, "publishedAt": f"{day}T01:21:47.935Z", "title": p["title"],
                      "thumbnail": f"https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{p['id']}.png",
                      "numComments": p["comments"], "upvoted": False,
                      "submittedBy": {"name": "akhaliq", "fullname": "AK", "avatarUrl": "/avatars/ak.svg", "isPro": False}})
    props = {"canSubmit": False, "date": f"{day}T00:00:00.000Z", "dailyPapers": items}
    if modern:
        props.update({"periodType": "day", "dateString": day})
    comment = "<!---->" if modern else ""
    cards = []
    for p in papers:
        cards.append(f'''<div>{comment}<article class="relative flex flex-col overflow-hidden rounded-xl border"><a href="/papers/{p["id"]}" class="shadow-alternate-sm peer relative block h-56 w-full"><img src="https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{p["id"]}.png" alt="" class="h-full w-full object-cover"></a>
<div class="pointer-events-none absolute right-2 top-56 -mt-8 flex h-6 items-center gap-1">Submitted by <img alt="" class="w-2.5 h-2.5 rounded-full flex-none" src="/avatars/ak.svg"> akhaliq</div>
<div class="from-gray-50-to-white -mt-2 flex {"bg-linear-to-b" if modern else "bg-gradient-to-b"} px-6 pb-6 pt-8"><div class="flex w-full gap-6"><div class="flex flex-wrap items-center gap-2.5 pt-1 "><a href="/login?next=%2Fpapers%2F{p["id"]}" class="self-start">{comment}
<div class="shadow-alternate flex h-14 w-12 gap-1 rounded-xl flex-none cursor-pointer select-none flex-col items-center justify-center"><input disabled type="checkbox" class="peer hidden"><svg class="text-sm" viewBox="0 0 12 12"><path fill="currentColor" d="M5.19 2.67a.94.94 0 0 1 1.62 0l3.31 5.72a.94.94 0 0 1-.82 1.4H2.7a.94.94 0 0 1-.82-1.4l3.31-5.7v-.02Z"></path></svg>
<div class="leading-none">{p["upvotes"]}</div></div></a></div>
<div class="w-full{" min-w-0" if modern else ""}"><h3 class="mb-1 text-lg/6 font-semibold hover:underline"><a href="/papers/{p["id"]}" class="line-clamp-3 cursor-pointer text-balance">{html.escape(p["title"], quote=False)}</a></h3>{comment}
<div class="flex items-center justify-between"><a href="/papers/{p["id"]}" class="flex"><ul class="flex items-center flex-row-reverse text-sm">''' +
                     "".join(f'<li class="-mr-2 h-4 w-4 block flex-none rounded-full" title="{html.escape(a)}" style="content-visibility:auto;"><img class="overflow-hidden rounded-full" alt="" src="/avatars/x.svg"></li>' for a in p["authors"][:5]) +
                     f'''<li class="text-gray-600 order-first ml-3"><div class="flex truncate text-base text-gray-350"><div class="ml-1 mr-2.5">·</div>
{len(p["authors"])} authors</div></li></ul></a>
<a href="/papers/{p["id"]}#community" class="text-md flex items-center gap-2 text-gray-400"><svg viewBox="0 0 32 32"><path d="M16 2a14 14 0 1 0 14 14A14 14 0 0 0 16 2Z"></path></svg> {p["comments"]}</a></div></div></div></div></article></div>''')
    props_attr = html.escape(json.dumps(props, ensure_ascii=False, separators=(",", ":")), quote=True)
    head = ('<!doctype html>\n<html class=""><head><meta charset="utf-8"><title>Daily Papers - Hugging Face</title>'
            '<meta property="og:title" content="Daily Papers - Hugging Face"><meta name="description" content="Your daily dose of AI research from AK">'
            '<link rel="stylesheet" href="/front/build/kube-1/style.css"><script>window.hubConfig = {"features":{"signupDisabled":false}};</script></head>\n'
            '<body class="flex flex-col min-h-dvh bg-white dark:bg-gray-950 text-black DailyPapersPage">'
            '<div class="flex min-h-dvh flex-col"><div class="SVELTE_HYDRATER contents" data-target="MainHeader" data-props="{&quot;authLight&quot;:{}}"><header class="border-b"><nav>'
            + "".join(f'<a href="/{x}" class="group flex items-center px-3 py-1.5">{x.title()}</a>' for x in ["models", "datasets", "spaces", "posts", "docs", "pricing"]) +
            '</nav></header></div>\n<main class="flex flex-1 flex-col"><section class="container"><h1 class="text-2xl font-bold"><a href="/papers">Daily Papers</a></h1>'
            f'<time class="relative flex flex-col items-stretch" datetime="{day}T00:00:00.000Z"><span>{MONTHS[int(day[5:7]) - 1]}</span> <span>{int(day[8:])}</span></time>\n')
    body = (f'<div class="SVELTE_HYDRATER contents" data-target="DailyPapers" data-props="{props_attr}">'
            '<div class="relative grid grid-cols-1 gap-5 lg:grid-cols-2 xl:grid-cols-3">\n' + "\n".join(cards) + '</div></div>')
    return head + body + '</section></main><footer class="b-12 mb-2 flex border-t"><p>© Hugging Face</p></footer></div></body></html>\n'


def arxiv_listing(papers, category, day):
    entries = []
    for i, p in enumerate(papers, 1):
        authors = ", ".join(f'<a href="https://arxiv.org/search/cs?searchtype=author&amp;query={html.escape(a.split()[-1])}">{html.escape(a)}</a>' for a in p["authors"])
        subjects = "; ".join(f"{SUBJECT_NAMES[c]} ({c})" for c in p["categories"][1:])
        primary = p["categories"][0]
        entries.append(f'''<dt>
  <a name='item{i}'>[{i}]</a>
  <a href ="/abs/{p["id"]}" title="Abstract" id="{p["id"]}">
    arXiv:{p["id"]}
  </a>
    [<a href="/pdf/{p["id"]}" title="Download PDF" id="pdf-{p["id"]}" aria-labelledby="pdf-{p["id"]}">pdf</a>, <a href="https://arxiv.org/html/{p["id"]}v1" title="View HTML" id="html-{p["id"]}">html</a>, <a href="/format/{p["id"]}" title="Other formats" id="oth-{p["id"]}">other</a>]
</dt>
<dd>
  <div class='meta'>
    <div class='list-title mathjax'><span class='descriptor'>Title:</span>
      {html.escape(p["title"], quote=False)}
    </div>
    <div class='list-authors'>{authors}</div>
    <div class='list-comments mathjax'><span class='descriptor'>Comments:</span> {len(p["abstract"]) // 100} pages, {len(p["authors"])} figures</div>
    <div class='list-subjects'><span class='descriptor'>Subjects:</span>
      <span class="primary-subject">{SUBJECT_NAMES[primary]} ({primary})</span>{"; " + subjects if subjects else ""}
    </div>
  </div>
</dd>''')
    return (f'''<!DOCTYPE html>
<html lang="en">
<head>  <title>{category} recent submissions</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" type="text/css" media="screen" href="https://static.arxiv.org/static/browse/0.3.4/css/arXiv.css?v=20240822" />
</head>
<body  class="with-cu-identity">
<div class="flex-wrap-footer"><header><div id="cu-identity"><a href="https://www.cornell.edu/">Cornell University</a></div></header>
<main><div id="content">
<div id='content-inner'>
  <div id='dlpage'>
    <h1>{SUBJECT_NAMES.get(category, category)}</h1>
    <h2>Authors and titles for recent submissions</h2>
    <div class='paging'>Total of {len(papers)} entries : <span>1-{len(papers)}</span></div>
    <dl id='articles'>
    <h3>{day} (showing first {len(papers)} of {len(papers)} entries )</h3>
''' + "\n".join(entries) + '''
    </dl>
  </div>
</div></div></main>
<footer><p>arXiv is a project of the Cornell University Library.</p></footer></div>
</body>
</html>
''')


def atom_feed(papers, serial):
    entries = []
    for p in papers:
        cats = "\n    ".join(f'<category term="{c}" scheme="http://arxiv.org/schemas/atom"/>' for c in p["categories"])
        authors = "\n    ".join(f"<author><name>{html.escape(a)}</name></author>" for a in p["authors"])
        entries.append(f'''  <entry>
    <id>http://arxiv.org/abs/{p["id"]}v{1 + p["upvotes"] % 3}</id>
    <title>{html.escape(p["title"])}</title>
    <updated>{p["published"][:19]}Z</updated>
    <link href="https://arxiv.org/abs/{p["id"]}v1" rel="alternate" type="text/html"/>
    <link href="https://arxiv.org/pdf/{p["id"]}v1" rel="related" type="application/pdf" title="pdf"/>
    <summary>{html.escape(p["abstract"])}</summary>
    {cats}
    <published>{p["published"][:19]}Z</published>
    <arxiv:comment>{len(p["authors"])} pages</arxiv:comment>
    <arxiv:primary_category term="{p["categories"][0]}"/>
    {authors}
  </entry>''')
    return (f'''<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/api/bench{serial}</id>
  <title>arXiv Query: search_query=all:llm&amp;id_list=&amp;start=0&amp;max_results={len(papers)}</title>
  <updated>2026-04-20T02:01:51Z</updated>
  <link href="https://arxiv.org/api/query?search_query=all:llm" type="application/atom+xml"/>
  <opensearch:itemsPerPage>{len(papers)}</opensearch:itemsPerPage>
  <opensearch:totalResults>{len(papers)}</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
''' + "\n".join(entries) + "\n</feed>\n")


def text_dump(papers, day, rng):
    lines = ["new", "", "Get trending papers in your email inbox!", "", "Subscribe", "", "byAK and the research community", "",
             f"{MONTHS[int(day[5:7]) - 1]} {int(day[8:])}", ""]
    for p in papers:
        lines += [p["title"], "", p["abstract"], ""]
        if rng.random() < 0.5:
            month = MONTHS[int(p["published"][5:7]) - 1]
            comments = f" {p['comments']}" if p["comments"] else ""
            lines += [f"  • {len(p['authors'])} authors", "·", f"{month} {int(p['published'][8:10])}, {p['published'][:4]}{comments}", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--size-mb", type=float, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--raw", default="data/raw")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    corpus = Corpus(seed_papers(args.raw), args.seed)
    target = int(args.size_mb * 1_000_000)
    shares = [("hf", 0.60), ("arxiv", 0.20), ("atom", 0.10), ("text", 0.10)]
    written = {name: 0 for name, _ in shares}
    serial = 0
    total = 0
    while total < target:
        # Write the format that is furthest below its share of the bytes so far.
        name = min(shares, key=lambda s: written[s[0]] / max(1, target * s[1]))[0]
        day = f"2024-{1 + serial % 12:02d}-{1 + serial % 28:02d}"
        rng = corpus.rng
        if name == "hf":
            content, ext = hf_daily(corpus.page(rng.randint(10, 30)), day, modern=serial % 2 == 1), "html"
        elif name == "arxiv":
            weekday = ["Mon", "Tue", "Wed", "Thu", "Fri"][serial % 5]
            content = arxiv_listing(corpus.page(rng.randint(40, 60)), rng.choice(CATEGORIES),
                                    f"{weekday}, {1 + serial % 28} {MONTHS[serial % 12]} 2024")
            ext = "txt" if serial % 4 == 0 else "html"
        elif name == "atom":
            content, ext = atom_feed(corpus.page(rng.randint(5, 20)), serial), "xml"
        else:
            content, ext = text_dump(corpus.page(rng.randint(20, 60)), day, rng), "txt"
        data = content.encode("utf-8")
        with open(os.path.join(args.out, f"{serial:05d}_{name}.{ext}"), "wb") as f:
            f.write(data)
        written[name] += len(data)
        total += len(data)
        serial += 1
    print(json.dumps({"files": serial, "bytes": total, "bytes_by_format": written}))


if __name__ == "__main__":
    main()
