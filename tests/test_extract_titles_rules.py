"""One small hand-written page per title rule of blogarchive.extract.titles."""

from blogarchive.extract import extract
from blogarchive.extract.titles import strip_site_name


def _page(head: str, body: str) -> str:
    return (f"<html><head>{head}</head><body>{body}"
            "<p>Some ordinary body text that is long enough to be the post on this small page.</p>"
            "</body></html>")


def test_heading_agreeing_with_og_title_beats_a_marked_teaser():
    """Agreement: the heading the metadata titles agree on wins over a teaser marked entry-title."""
    html = _page(
        '<title>Mending a torn sail | Bosun Log</title><meta property="og:title" content="Mending a torn sail">',
        '<div class="post"><h1>Mending a torn sail</h1><p>Needle, palm and waxed thread.</p></div>'
        '<div class="more-posts"><h2 class="entry-title">Five knots worth knowing</h2></div>')
    post = extract(html, "https://bosun.example/mending/")
    assert post.title == "Mending a torn sail"
    assert post.provenance["title"] == "markup"


def test_agreement_with_the_title_tag_before_its_last_separator():
    """Agreement with "<title>Headline - Site</title>" finds a plain <h2> under a logo <h1>."""
    html = _page("<title>Rye starter, day three : Crumb and Crust</title>",
                 '<div id="top"><h1 class="logo">Crumb and Crust</h1></div>'
                 '<div class="post"><h2>Rye starter, day three</h2></div>')
    assert extract(html, "https://bread.example/rye/").title == "Rye starter, day three"


def test_heading_naming_the_host_is_the_logo_not_the_post():
    """A heading that names the site (here the host) is never the headline."""
    html = _page("<title>lanternworks » A winter of paper lanterns</title>",
                 '<div id="head"><h1>lanternworks</h1></div><div class="text"><p>Glue and wire.</p></div>')
    assert extract(html, "https://www.lanternworks.example/winter/").title == "A winter of paper lanterns"


def test_heading_equal_to_og_site_name_is_skipped():
    html = _page('<meta property="og:site_name" content="Moth Diary">'
                 '<meta property="og:title" content="Night of the hawk-moths">',
                 '<div id="header"><h1>Moth Diary</h1></div><div class="post"><p>Sheets and a lamp.</p></div>')
    assert extract(html, "https://moths.example/hawk/").title == "Night of the hawk-moths"


def test_kicker_inside_the_headline_is_dropped():
    """``<h1><span class=kicker>…</span><span class=headline>…</span></h1>``: the headline part only."""
    html = _page('<meta property="og:title" content="Allotments: Frost came three weeks early">',
                 '<article><h1><span class="story-kicker">Allotments</span> '
                 '<span class="story-headline">Frost came three weeks early</span></h1></article>')
    assert extract(html, "https://veg.example/frost/").title == "Frost came three weeks early"


def test_kicker_without_a_marked_headline_part():
    html = _page("<title>Daily Tram</title>",
                 '<article><h1><div class="topline">City news</div> Tram line reopens after repairs</h1></article>')
    assert extract(html, "https://city.example/tram/").title == "Tram line reopens after repairs"


def test_soft_hyphens_and_arrow_decoration_leave_the_headline():
    html = _page("<title>Notes</title>", "<article><h1>» Winter\u00adgarten im Hinter\u00adhof</h1></article>")
    assert extract(html, "https://garten.example/notiz/").title == "Wintergarten im Hinterhof"


def test_style_inside_the_headline_is_not_text():
    html = _page("<title>x</title>", '<article><h1><style>.k{color:red}</style><span class="kicker">Club</span>'
                 "Spring regatta postponed</h1></article>")
    assert extract(html, "https://club.example/regatta/").title == "Spring regatta postponed"


def test_site_name_with_its_own_separator_and_other_dashes():
    """The site name is compared without case, punctuation or dash style, and may contain a separator."""
    assert strip_site_name("Ratchets | Bolt Blog - Workshop Notes", "Bolt Blog – Workshop Notes") == "Ratchets"


def test_title_tag_that_is_site_then_og_title_keeps_the_whole_headline():
    """<title> "Site - Headline - Subtitle" repeats og:title's last part, but that part is the headline's own."""
    html = _page("<title>Port Gazette - Harbour closed - Ferries leave from the north pier</title>"
                 '<meta property="og:title" content="Harbour closed - Ferries leave from the north pier">',
                 '<div class="text"><p>Storm damage.</p></div>')
    assert extract(html, "https://gazette.example/harbour/").title == "Harbour closed - Ferries leave from the north pier"


def test_json_ld_headline_entities_are_unescaped():
    html = _page('<script type="application/ld+json">{"@type": "BlogPosting", "headline": "Tea &amp; toast",'
                 ' "datePublished": "2024-03-01"}</script>', '<div class="post"><p>Butter first.</p></div>')
    assert extract(html, "https://tea.example/toast/").title == "Tea & toast"
