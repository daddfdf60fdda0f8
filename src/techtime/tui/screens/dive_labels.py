"""How the Deep dives screens word and colour a quarter's plan."""

from __future__ import annotations

from rich.text import Text

from techtime.services.dives import QuarterPlan

STATUS_STYLES = {"planned": "cyan", "active": "yellow", "done": "green", "dropped": "dim"}


def against_target(plan: QuarterPlan) -> Text:
    """`3 deep dives, target 3`; above the target it warns (planning more is never forbidden)."""
    noun = "deep dive" if plan.planned == 1 else "deep dives"
    if plan.over_target:
        return Text(f"{plan.planned} {noun}, above your target of {plan.target}", style="bold yellow")
    return Text(f"{plan.planned} {noun}, target {plan.target}", style="bold")
