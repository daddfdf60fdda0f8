"""Deep-dive vocabulary and the checklist every dive starts from."""

from __future__ import annotations

DIVE_STATUSES = ("planned", "active", "done", "dropped")
UNFINISHED_STATUSES = ("planned", "active")
DEFAULT_TARGET = 3  # deep dives a quarter; 2-3 is the practice, the 4th warns

# The four steps from the thread (a CTO's quarterly deep-dive routine).
DEFAULT_CHECKLIST = (
    "Read the entire design doc",
    "Simulate the failure modes",
    "Challenge the assumptions in the review",
    "Ask: what happens when this 10xs?",
)
