#!/usr/bin/env python3
"""Reads every HTML page of a built site with extruct (the parser search engines' tooling
uses) and checks its Open Graph and JSON-LD. Articles are checked against their front matter.

usage: check_share_metadata.py OUTPUT_DIR SITE_DIR LIST_JSON BASE_URL
Prints one line per problem and exits 1 when there is any."""
import datetime
import json
import sys
from pathlib import Path

import extruct
import yaml

REQUIRED_OG = ["og:type", "og:title", "og:url", "og:image", "og:locale", "og:site_name"]
REQUIRED_ARTICLE = ["headline", "datePublished", "dateModified", "author", "image", "publisher", "inLanguage",
                    "mainEntityOfPage", "isPartOf"]


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    _, block, _ = text.split("---", 2)
    return yaml.load(block, Loader=yaml.BaseLoader)


def open_graph(data: dict) -> dict:
    """The page's Open Graph properties, each with its first value."""
    properties = {}
    for block in data["opengraph"]:
        for key, value in block["properties"]:
            properties.setdefault(key, value)
    return properties


def instant(text: str) -> datetime.datetime:
    value = datetime.datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


def main() -> int:
    output, site, listing, base_url = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(Path(sys.argv[3]).read_text()), sys.argv[4]
    problems, pages, articles = [], 0, 0
    for page in sorted(output.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a redirect from an old address, not a page to share
        pages += 1
        data = extruct.extract(html, base_url=base_url, syntaxes=["opengraph", "json-ld"])
        graph = open_graph(data)
        for key in REQUIRED_OG:
            if not graph.get(key):
                problems.append(f"{page.relative_to(output)}: no {key}")
        if not data["json-ld"] and page.name != "404.html":
            problems.append(f"{page.relative_to(output)}: no JSON-LD")
    for row in listing:
        relative = row["url"][len(base_url):]
        page = output / relative / "index.html" if relative.endswith("/") or not relative else output / relative
        html = page.read_text(encoding="utf-8")
        data = extruct.extract(html, base_url=base_url, syntaxes=["opengraph", "json-ld"])
        articles += 1
        news = [entity for entity in data["json-ld"] if entity.get("@type") == "NewsArticle"]
        if len(news) != 1:
            problems.append(f"{row['source']}: {len(news)} NewsArticle descriptions")
            continue
        article, fields = news[0], front_matter(site / row["source"])
        for key in REQUIRED_ARTICLE:
            if not article.get(key):
                problems.append(f"{row['source']}: NewsArticle without {key}")
        if article.get("headline") != fields["title"]:
            problems.append(f"{row['source']}: headline {article.get('headline')!r} is not the title {fields['title']!r}")
        if instant(article["datePublished"]) != instant(str(fields["date"])):
            problems.append(f"{row['source']}: datePublished {article['datePublished']} is not {fields['date']}")
        modified = fields.get("lastmod") or fields.get("updated") or fields["date"]
        if instant(article["dateModified"]) != instant(str(modified)):
            problems.append(f"{row['source']}: dateModified {article['dateModified']} is not {modified}")
        if article.get("inLanguage") != row["language"]:
            problems.append(f"{row['source']}: inLanguage {article.get('inLanguage')} is not {row['language']}")
        if article.get("mainEntityOfPage") != row["url"]:
            problems.append(f"{row['source']}: mainEntityOfPage is not {row['url']}")
        if not (article.get("publisher") or {}).get("name") or not ((article.get("publisher") or {}).get("logo") or {}).get("url"):
            problems.append(f"{row['source']}: publisher without name or logo")
        graph = open_graph(data)
        if graph.get("og:type") != "article" or graph.get("og:title") != fields["title"]:
            problems.append(f"{row['source']}: og:type/og:title do not describe the article")
    for problem in problems:
        print(problem)
    print(f"{pages} pages, {articles} articles checked, {len(problems)} problems")
    return 1 if problems or articles == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
