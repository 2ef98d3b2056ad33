"""`copgraph train-ranker`: learn the expert ranking from the store's answered questions."""

from __future__ import annotations

from rich.table import Table

from graph_service.config import Settings
from graph_service.services import Services
from queries.ranker_training import TrainingSettings, train_ranker


def run_train_ranker(settings: Settings, questions: int) -> Table:
    """Train, store the model as the next version, and tabulate what was decided.

    Raises:
        NotEnoughHistory: the store has too few answered questions to learn from.
    """
    with Services(settings) as services:
        model = train_ranker(
            services.store, services.expert_finder, TrainingSettings(questions=questions)
        )
    verdict = "kept: expert search uses it" if model.kept else "not kept: search stays unsupervised"
    table = Table(title=f"learned ranking v{model.version} ({verdict})")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("questions learned from", str(model.questions))
    for name, value in model.validation.items():
        table.add_row(name, f"{value:.0f}" if name.endswith("questions") else f"{value:.3f}")
    return table
