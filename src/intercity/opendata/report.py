"""What a load did: created, updated and unchanged records per step, with timings and notes."""

import time
from dataclasses import dataclass, field

from intercity.core.actions import Outcome


@dataclass
class StepReport:
    """The outcome of one step of the load (one source, one kind of record)."""

    name: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    details: dict = field(default_factory=dict)

    def count(self, outcome, number=1):
        """Add ``number`` records with ``outcome`` (an :class:`~intercity.core.actions.Outcome`)."""
        setattr(self, Outcome(outcome).value, getattr(self, Outcome(outcome).value) + number)

    def note(self, key, number=1):
        """Add to a named counter in ``details`` (resolution statuses, skipped rows...)."""
        self.details[key] = self.details.get(key, 0) + number

    def lap(self, key, started):
        """Record the seconds since ``started`` under ``key`` in ``details``; returns the new start."""
        now = time.perf_counter()
        self.details[key] = round(now - started, 1)
        return now

    @property
    def changed(self):
        return self.created + self.updated

    def as_dict(self):
        return {
            "step": self.name,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "seconds": round(self.seconds, 2),
            "details": dict(self.details),
        }


@dataclass
class LoadReport:
    """The whole load: one :class:`StepReport` per step, the final row counts and the total time."""

    steps: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def changed(self):
        return sum(step.changed for step in self.steps)

    def step(self, name):
        return next(step for step in self.steps if step.name == name)

    def as_dict(self):
        return {
            "steps": [step.as_dict() for step in self.steps],
            "counts": dict(self.counts),
            "seconds": round(self.seconds, 2),
        }

    def format(self):
        """A plain-text summary for the terminal: a table of steps, then each step's notes."""
        lines = [f"{'step':<16}{'created':>9}{'updated':>9}{'unchanged':>11}{'seconds':>9}"]
        for step in self.steps:
            lines.append(
                f"{step.name:<16}{step.created:>9,}{step.updated:>9,}{step.unchanged:>11,}{step.seconds:>9.1f}"
            )
        lines.append(f"{'total':<16}{'':>29}{self.seconds:>9.1f}")
        for step in self.steps:
            if step.details:
                notes = "; ".join(f"{key} {value:,}" for key, value in step.details.items())
                lines.append(f"{step.name}: {notes}")
        lines.append("Records now: " + ", ".join(f"{key} {value:,}" for key, value in self.counts.items()))
        return "\n".join(lines)
