"""Post bodies as Weebly's editor saves them: one small HTML template per block kind."""

from __future__ import annotations

import hashlib
from html.entities import codepoint2name

from .model import MORE, Block, Bullets, CustomHtml, Heading, Para, Picture, Post, Quote


def render_body(post: Post, *, until_more: bool = False) -> str:
    """The body HTML (accents as named entities); ``until_more`` stops at the Read More break."""
    chunks = []
    for block in post.placed_blocks():
        if block is MORE:
            if until_more:
                break
            continue
        chunks.append(render_block(block))
    return entities("\n".join(chunks))


def render_block(block: Block) -> str:
    if isinstance(block, Para):
        style = f' style="{block.style}"' if block.style else ""
        return f'<div class="paragraph"{style}>{"<br /><br />".join(block.parts)}</div>'
    if isinstance(block, Heading):
        return f"<h2>{block.text}</h2>" if block.bare else f'<h2 class="wsite-content-title">{block.text}</h2>'
    if isinstance(block, Bullets):
        items = "".join(f"<li>{item}</li>" for item in block.items)
        return f'<div class="paragraph">{block.intro}<ul>{items}</ul></div>'
    if isinstance(block, Picture):
        return render_picture(block.src)
    if isinstance(block, Quote):
        return f"<blockquote>{block.text}</blockquote>"
    if isinstance(block, CustomHtml):
        return (
            f'<div id="{element_id(block.html)}" align="left" style="width: 100%; overflow-y: hidden;" '
            f'class="wcustomhtml">{block.html}</div>'
        )
    raise TypeError(f"unknown block {block!r}")


def render_picture(src: str) -> str:
    return f"""<div><div class="wsite-image wsite-image-border-none " style="padding-top:10px;padding-bottom:10px;margin-left:0px;margin-right:0px;text-align:center">
<a>
<img src="{src}" alt="Picture" style="width:auto;max-width:100%" />
</a>
<div style="display:block;font-size:90%"></div>
</div></div>"""


def entities(html: str) -> str:
    """Write every non-ASCII character as a named entity, as Weebly's editor does."""
    return "".join(char if char.isascii() else _entity(char) for char in html)


def _entity(char: str) -> str:
    name = codepoint2name.get(ord(char))
    return f"&{name};" if name else f"&#{ord(char)};"


def element_id(seed: str) -> str:
    """An 18-digit element id, stable for a given seed, like Weebly's."""
    return str(10**17 + int(hashlib.md5(seed.encode()).hexdigest(), 16) % (9 * 10**17))
