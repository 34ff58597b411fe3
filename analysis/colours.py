"""The colours the views share: the charts, the notebooks' HTML views and the report's pages (no matplotlib
here, so a page that only colours text does not import it)."""

# One colour per actor type, shared by the actor charts and the highlighted article.
TYPE_COLOURS = {
    "person": "#4c72b0",
    "organization": "#dd8452",
    "state": "#55a868",
    "bloc": "#8172b3",
    "location": "#937860",
    "group": "#da8bc3",
    "media": "#8c8c8c",
}
