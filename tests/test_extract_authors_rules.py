"""One test per author rule (extract/authors.py, names.py, signatures.py), on hand-written pages.

Authors are people: never the site or its publisher, an organisation, a role, a commenter or a
reviewer. Each page is the smallest one that shows its rule.
"""

from __future__ import annotations

from blogarchive.extract import extract

PARAGRAPHS = """
<p>The ferry left at dawn, and by the time the fog lifted we could see the lighthouse on the far island.</p>
<p>We spent the morning on the rocks, counting seals and arguing about the best way back to the harbour.</p>
<p>In the afternoon the wind turned, the water went grey, and the last boat of the day was half empty.</p>
"""


def page(head: str = "", body: str = "", url: str = "https://news.example/2024/05/ferry-day/") -> tuple[str, str]:
    html = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>A Ferry Day</title>{head}</head>"
            f"<body><article class='post'><h1>A Ferry Day</h1>{body}</article></body></html>")
    return html, url


def authors(head: str = "", body: str = "", url: str = "https://news.example/2024/05/ferry-day/"):
    post = extract(*page(head, body, url))
    return post.authors, post.provenance.get("authors")


def ld(node: str) -> str:
    return f'<script type="application/ld+json">{node}</script>'


# ---------------------------------------------------------------- the site's own names


def test_the_site_name_is_not_an_author_and_the_next_source_is_read():
    head = '<meta property="og:site_name" content="Harbour Gazette"><meta name="author" content="Harbour Gazette">'
    body = f'<p class="author">By Lena Ortmann</p>{PARAGRAPHS}'
    assert authors(head, body) == (["Lena Ortmann"], "markup")
    # unless the JSON-LD publisher is a person: a personal site goes by its author's name
    head = ('<meta property="og:site_name" content="Ines Varga">' + ld(
        '{"@graph": [{"@type": "BlogPosting", "headline": "A Ferry Day", '
        '"author": {"@id": "https://inesvarga.example/#/person/1"}, '
        '"publisher": {"@id": "https://inesvarga.example/#/person/1"}}, '
        '{"@type": "Person", "@id": "https://inesvarga.example/#/person/1", "name": "Ines Varga"}]}'))
    assert authors(head, f"<p>Ines Varga</p>{PARAGRAPHS}") == (["Ines Varga"], "json-ld")


def test_the_site_name_with_a_desk_word_is_not_an_author():
    head = ('<meta property="og:site_name" content="The Harbour Gazette">'
            '<meta name="author" content="Harbour Gazette Staff">')
    assert authors(head, PARAGRAPHS) == ([], None)


def test_a_value_that_opens_with_the_site_name_is_the_publisher():
    head = ('<meta property="og:site_name" content="Harbour Gazette">'
            '<meta name="author" content="Harbour Gazette, Portside, Norway">')
    assert authors(head, PARAGRAPHS) == ([], None)


def test_a_person_after_the_site_name_in_a_byline_is_kept():
    head = '<meta property="og:site_name" content="Harbour Gazette">'
    body = f'<p class="author">By Lena Ortmann, Harbour Gazette</p>{PARAGRAPHS}'
    assert authors(head, body) == (["Lena Ortmann"], "markup")


def test_a_one_word_name_equal_to_the_host_is_the_site_but_a_persons_name_is_kept():
    head = ('<link rel="canonical" href="https://www.quillpost.example/2024/05/ferry-day/">'
            '<meta name="author" content="QuillPost">')
    assert authors(head, PARAGRAPHS) == ([], None)
    # a personal domain named after its author
    head = '<link rel="canonical" href="https://annalind.example/ferry-day/"><meta name="author" content="Anna Lind">'
    assert authors(head, PARAGRAPHS) == (["Anna Lind"], "meta")


def test_jsonld_organisation_names_are_not_authors():
    head = ld('{"@type": "NewsArticle", "headline": "A Ferry Day", '
              '"author": {"@type": "Organization", "name": "Hilltop Courier"}}')
    body = f'<p><span class="author">Tomas Brenner</span></p>{PARAGRAPHS}'
    assert authors(head, body) == (["Tomas Brenner"], "markup")


def test_jsonld_names_the_page_never_shows_are_dropped():
    head = ld('{"@type": "BlogPosting", "headline": "A Ferry Day", '
              '"author": {"@type": "Person", "name": "cms-import"}}')
    body = f'<p class="byline">Words by <a href="/about/">Jon Prell</a></p>{PARAGRAPHS}'
    assert authors(head, body) == (["Jon Prell"], "markup")


# ---------------------------------------------------------------- organisations and roles (names.py)


def test_an_imprint_with_a_legal_form_gives_no_names():
    head = '<meta name="author" content="Lindqvist Verlag GmbH, Hamburg, Germany">'
    assert authors(head, PARAGRAPHS) == ([], None)


def test_an_institution_is_not_a_person():
    head = '<meta name="author" content="Ministry of Coastal Roads">'
    assert authors(head, PARAGRAPHS) == ([], None)


def test_a_name_opening_with_the_is_an_organisation():
    body = f'<p class="author">By The Lantern Weekly</p>{PARAGRAPHS}'
    assert authors(body=body) == ([], None)


def test_a_domain_is_not_an_author():
    body = f'<p class="author">inkwell-notes.org</p>{PARAGRAPHS}'
    assert authors(body=body) == ([], None)


def test_cms_placeholder_accounts_are_not_authors():
    assert authors('<meta name="author" content="Super User">', PARAGRAPHS) == ([], None)
    assert authors('<meta name="author" content="publisher">', PARAGRAPHS) == ([], None)


def test_a_label_and_a_trailing_role_are_cut_from_a_byline():
    body = f'<div class="author">Interview: Selma Rautio - Senior Editor</div>{PARAGRAPHS}'
    assert authors(body=body) == (["Selma Rautio"], "markup")


def test_a_forum_post_byline_gives_the_user_name():
    body = f'<p class="author">Beitrag von quill42 » 03.02.2011, 10:15</p>{PARAGRAPHS}'
    assert authors(body=body) == (["quill42"], "markup")


# ---------------------------------------------------------------- byline markup


def test_bylines_of_teasers_for_other_posts_are_not_the_posts_authors():
    teasers = "".join(
        f'<li><h3><a href="/2024/0{i}/other/">Another story about boats number {i}</a></h3>'
        f"<p>A long teaser text that describes a different post in a few sentences, as list pages do.</p>"
        f'<span class="entry-author">{name}</span></li>'
        for i, name in enumerate(["Kai Berend", "Uma Solis"], 1))
    body = f'<span class="entry-author">Ruth Anders</span>{PARAGRAPHS}<ul class="more">{teasers}</ul>'
    assert authors(body=body) == (["Ruth Anders"], "markup")
    # several authors in the post's own byline box are all kept
    body = ('<p class="meta-line"><span class="entry-author">Ruth Anders</span> and '
            f'<span class="entry-author">Kai Berend</span></p>{PARAGRAPHS}{teasers}')
    assert authors(body=body) == (["Ruth Anders", "Kai Berend"], "markup")


def test_review_authors_are_not_the_posts():
    reviews = ('<div itemscope itemtype="https://schema.org/Product"><h2>Folding kayak</h2>'
               '<div itemprop="review" itemscope itemtype="https://schema.org/Review">'
               '<span itemprop="author" content="Verified buyer Petra"></span><p>Sturdy and cheap.</p></div></div>')
    assert authors(body=f"{PARAGRAPHS}{reviews}") == ([], None)
    # a post that is itself a review keeps its author
    body = (f'<div itemscope itemtype="https://schema.org/Review"><span itemprop="author">Noor Haddad</span>'
            f"{PARAGRAPHS}</div>")
    assert authors(body=body) == (["Noor Haddad"], "markup")


def test_author_classes_in_the_plural_and_contributor_classes_are_bylines():
    assert authors(body=f'<div class="node--authors"><a href="/p/1">Lio Marsh</a></div>{PARAGRAPHS}')[0] == [
        "Lio Marsh"]
    assert authors(body=f'<span class="field-contributor">Eda Korkmaz</span>{PARAGRAPHS}')[0] == ["Eda Korkmaz"]


def test_wordpress_classic_theme_meta_line():
    body = f'{PARAGRAPHS}<div class="meta">Filed under: Trips — pennywhistle @ 9:14 pm</div>'
    assert authors(body=body) == (["pennywhistle"], "markup")


# ---------------------------------------------------------------- the post's text (signatures.py)


def test_a_byline_at_the_top_of_the_post_body():
    body = (f'<div class="entry-content"><p>Courtesy of the Island Trust</p><p>Written by: Oskar Feld</p>'
            f'{PARAGRAPHS}</div>')
    assert authors(body=body) == (["Oskar Feld"], "text")


def test_a_sign_off_before_a_trailing_link():
    body = f'<div class="post-body">{PARAGRAPHS}<p>Cheers, Marit</p><p><a href="/deal/">Read more »</a></p></div>'
    assert authors(body=body) == (["Marit"], "text")
