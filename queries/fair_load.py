"""Fair load: people who were asked many questions lately are ranked down a little for
routing, so the second-best expert gets asked too.

Experts asked too often stop answering; a community where one person answers everything
has a bus factor of one. For "people to ask" (routing, recommendations, the widget), each
question routed to a person within `window_days` takes `penalty` of their score off, up to
`bound` in all: the best expert is ranked down, never out, and expert search (who knows
this?) is left as it is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from graph_service.routing import QuestionRouting


@dataclass(frozen=True)
class FairLoad:
    """How much recent routing ranks a person down (see the module docstring)."""

    window_days: float = 14.0
    penalty: float = 0.15
    bound: float = 0.5

    def factor(self, recent: int) -> float:
        """What a score is multiplied by after `recent` questions in the window."""
        return 1.0 - min(self.bound, self.penalty * recent)

    def load(self, routings: Iterable[QuestionRouting], now: datetime) -> Counter[str]:
        """Questions routed to each person within the window before `now`."""
        since = now - timedelta(days=self.window_days)
        return Counter(
            routed.person_id
            for routing in routings
            for routed in routing.routed
            if since <= routed.at <= now
        )
