"""The founding example: one Weebly post page that must come out exactly right."""

from __future__ import annotations

import json

from blogarchive.store import open_db


def test_founding_page_crawled_exactly(founding_site, founding_expected, tmp_path, run):
    db_path = tmp_path / "archive.db"
    result = run("crawl", founding_site.url + "/blog", "--db", db_path, "--delay", "0")
    assert result.exit_code == 0, result.output
    db = open_db(db_path)
    rows = list(db["posts"].rows)
    assert len(rows) == 1, "list pages (index, archive, category/all) must not be stored as posts"
    post = rows[0]
    exp = founding_expected
    assert post["url"] == founding_site.url + exp["url_path"]
    assert post["title"] == exp["title"]
    assert json.loads(post["authors"]) == ["Angela Silak", "Cindy Kaplan"]
    assert json.loads(post["categories"]) == []          # "All" is not a category
    assert post["published"] == "2023-10-03"
    assert post["archive_month"] == "2023-10"
    assert post["body_text"] == exp["text"]
    assert post["body_text"].startswith("You finally get an interview")
    assert post["body_text"].endswith("-- Angela Silak & Cindy Kaplan")
    for furniture in ("Comments are closed", "Welcome to our career tips blog", "Categories",
                      "Archives", "October 2023", "Tweet", "Hollywood Resumes"):
        assert furniture not in post["body_text"]
        assert furniture not in post["body_html"]
    assert "<img" in post["body_html"] and "iframe" not in post["body_html"]
    names = [r["name"] for r in db.query(
        "select authors.name from authors join posts_authors on authors.id = posts_authors.authors_id "
        "order by authors.name")]
    assert names == ["Angela Silak", "Cindy Kaplan"]


def test_founding_page_extracted_from_file(founding_site, founding_expected, tmp_path, run):
    """The same page, saved to disk and extracted with no network and no list pages."""
    saved = tmp_path / "post.html"
    source = founding_site.file_for(founding_expected["url_path"])
    saved.write_bytes(source.read_bytes().replace(b"{{HOST}}", b"www.example.com"))
    result = run("extract", saved, "--url", "https://www.example.com" + founding_expected["url_path"], "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["title"] == founding_expected["title"]
    assert record["authors"] == ["Angela Silak", "Cindy Kaplan"]
    assert record["published"] == "2023-10-03"      # en site: month first
    assert record["archive_month"] == "2023-10"
    assert record["categories"] == [] and record["tags"] == []
    assert record["text"] == founding_expected["text"]
