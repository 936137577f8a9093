"""Authors from bylines and signatures in the body text."""

import pytest

from blogarchive.extract.signatures import authors_from_text


@pytest.mark.parametrize("text, authors", [
    ("First.\n\nLast paragraph.\n\n-- Angela Silak & Cindy Kaplan", ["Angela Silak", "Cindy Kaplan"]),
    ("once you’re in the role. -- Angela Silak & Cindy Kaplan", ["Angela Silak", "Cindy Kaplan"]),
    ("Body.\n\n—Zoë Ibáñez", ["Zoë Ibáñez"]),
    ("Body.\n\n– Dana Whitfield", ["Dana Whitfield"]),
    ("By Marian Kimball Eichinger, LAc\n\nBody.", ["Marian Kimball Eichinger"]),
    ("Posted by Tom Kessler\n\nBody.", ["Tom Kessler"]),
    ("Written by Priya Raman, Tom Kessler and Dana Whitfield\n\nBody.",
     ["Priya Raman", "Tom Kessler", "Dana Whitfield"]),
    ("Authored by Dr. Barrett\n\nBody.", ["Dr. Barrett"]),
    ("Body.\n\nPosted by Ann Lee at 12:53", ["Ann Lee"]),
    ("Body.\n\n~Maria", ["Maria"]),
    ("Body.\n\n-- Jan van der Berg", ["Jan van der Berg"]),
])
def test_names_are_found(text, authors):
    assert authors_from_text(text) == authors


@pytest.mark.parametrize("text", [
    "By now you have sent forty applications.\n\nHere is what to change.",
    "by the way, lowercase text is not a byline",
    "A photo of the harbour.\n\n— Unsplash",
    "Middle.\n\n-- see the list above, it has everything you need to start",
    "The end of the post, with no signature at all.",
    "Dresden — the city was quiet.\n\nMore text follows here.",
    "",
])
def test_prose_is_not_taken_for_authors(text):
    assert authors_from_text(text) == []


def test_byline_and_signature_readers_share_one_name_parser():
    """Metadata bylines and body signatures split names the same way (credentials dropped)."""
    from blogarchive.extract.authors import clean_author_names

    assert clean_author_names("Ann Lee, PhD") == ["Ann Lee"]
    assert authors_from_text("Text of the post.\n\n-- Ann Lee, PhD") == ["Ann Lee"]
    assert clean_author_names("By Ann Lee and Bob Stone | 3 May") == ["Ann Lee", "Bob Stone"]
    assert clean_author_names("admin") == []
