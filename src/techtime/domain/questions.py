"""The review-question bank: the questions that make a call defensible, grouped by where they are asked.

Seeded from what the leaders in the thread ask; the leader edits them and adds their own. A question
asked is kept with its answer where it was asked (a decision, a deep dive, a 1-on-1).
"""

from __future__ import annotations

from techtime.errors import InputError

GROUPS = ("design-review", "build-vs-buy", "one-on-one", "incident-review")
GROUP_WORDS = {
    "design-review": "Design review",
    "build-vs-buy": "Build vs buy",
    "one-on-one": "Technical 1-on-1",
    "incident-review": "Incident review",
}
_GROUP_ALIASES = {
    "design": "design-review",
    "design review": "design-review",
    "review": "design-review",
    "build vs buy": "build-vs-buy",
    "build or buy": "build-vs-buy",
    "buy": "build-vs-buy",
    "1-on-1": "one-on-one",
    "1:1": "one-on-one",
    "one on one": "one-on-one",
    "technical 1-on-1": "one-on-one",
    "incident": "incident-review",
    "incident review": "incident-review",
    "postmortem": "incident-review",
}
MAX_QUESTION = 500

# (group, question), in the words of the thread.
SEED = (
    ("design-review", "What happens when this 10xs?"),
    ("design-review", "What is the blast radius if this fails?"),
    ("design-review", "What is the reversibility of this decision?"),
    ("design-review", "How does this affect our ability to hire and retain engineers?"),
    ("design-review", "What is the actual user need: is real-time needed, or is 30-second latency acceptable?"),
    ("design-review", "If we build this now, what other roadmap items get delayed?"),
    ("design-review", "What is the complexity cost against the business value?"),
    ("design-review", "Can we ship a simpler version first to validate demand?"),
    ("design-review", "What are we optimizing for: engineer time, server costs, or user experience?"),
    ("design-review", "What is our 6-month roadmap, and does this scale to that?"),
    ("build-vs-buy", "Can our team maintain this long-term?"),
    ("build-vs-buy", "What is the true TCO against buying?"),
    ("build-vs-buy", "Do we have the organizational maturity to run it ourselves?"),
    ("build-vs-buy", "What is the opportunity cost of the engineers' time?"),
    ("build-vs-buy", "How complex is the integration with what we run today?"),
    ("build-vs-buy", "How long until it gives value, built or bought?"),
    ("one-on-one", "Walk me through the architecture of what you shipped this sprint."),
    ("one-on-one", "What was the hardest technical decision you made?"),
    ("one-on-one", "What tradeoffs did you consider?"),
    ("one-on-one", "Where does the system surprise you?"),
    ("incident-review", "Is this systemic or a one-off?"),
    ("incident-review", "What would have told us sooner?"),
    ("incident-review", "What was the blast radius, and what contained it?"),
    ("incident-review", "Which assumption turned out wrong?"),
)


def parse_group(text: str) -> str:
    word = " ".join(text.strip().lower().split())
    group = _GROUP_ALIASES.get(word, word)
    if group not in GROUPS:
        raise InputError(f"group: unknown group {text.strip()!r}: use one of {', '.join(GROUPS)}")
    return group


def parse_question(text: str) -> str:
    question = " ".join(text.split())
    if not question:
        raise InputError("a question needs some text, e.g. What happens when this 10xs?")
    if len(question) > MAX_QUESTION:
        raise InputError(f"question: at most {MAX_QUESTION} characters (this one has {len(question)})")
    return question
