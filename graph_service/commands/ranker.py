"""`copgraph train-ranker` (and the end of `copgraph ingest`): learn the expert ranking from
the store's answered questions."""

from __future__ import annotations

from rich.table import Table

from graph_service.config import Settings
from graph_service.models import RankerModel
from graph_service.services import Services
from queries.ranker_training import NotEnoughHistory, TrainingSettings, train_ranker


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


def train_after_ingest(services: Services) -> str:
    """Train on what the ingest left in the store; one line saying what expert search now
    ranks with. A community with too few answered questions stays unsupervised."""
    try:
        model = train_ranker(services.store, services.expert_finder)
    except NotEnoughHistory as why:
        return f"expert ranking: unsupervised ({why})"
    return verdict_line(model)


def verdict_line(model: RankerModel) -> str:
    """What training decided, with the held-out scores it decided on."""
    scores = model.validation
    measured = (
        f"nDCG@10 {scores['learned_ndcg@10']:.3f} against {scores['unsupervised_ndcg@10']:.3f}"
        f" unsupervised on the newest {scores['held_out_questions']:.0f} questions,"
        f" p {scores['p_value']:.3f}"
    )
    if model.kept:
        learned = f"learned v{model.version} from {model.questions} answered questions"
        return f"expert ranking: {learned} ({measured})"
    return f"expert ranking: unsupervised; learned v{model.version} not kept ({measured})"
