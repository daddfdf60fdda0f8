"""The ring and quadrant keys, the same on the Radar table and in the Monday triage."""

from __future__ import annotations

from textual.binding import Binding

# Upper case: the lower-case letters already say read, bookmark, archive...
PLACEMENT_BINDINGS = [
    Binding("A", "ring('adopt')", "Ring: adopt", show=False),
    Binding("T", "ring('trial')", "Ring: trial", show=False),
    Binding("S", "ring('assess')", "Ring: assess", show=False),
    Binding("H", "ring('hold')", "Ring: hold", show=False),
    Binding("E", "quadrant('techniques')", "Quadrant: techniques", show=False),
    Binding("P", "quadrant('platforms')", "Quadrant: platforms", show=False),
    Binding("O", "quadrant('tools')", "Quadrant: tools", show=False),
    Binding("L", "quadrant('languages-frameworks')", "Quadrant: languages & frameworks", show=False),
]
