"""`GET /v1/practices?q=` and `GET /v1/practices/{id}/related`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from graph_service.api.deps import LanguageDep, PracticeSearchDep, Reader
from graph_service.api.language import Language
from graph_service.api.page_size import PRACTICES_CAP, limit_query
from graph_service.api.problems import COMMON_ERRORS, problem_responses
from graph_service.api.reason_wording import reason_in_thai
from graph_service.api.schemas import PracticeOut, PracticesPage
from queries.practices import PracticeResult

router = APIRouter(
    prefix="/v1/practices",
    tags=["practices"],
    responses=problem_responses(*COMMON_ERRORS, *(404,)),
)


def practice_out(result: PracticeResult, language: Language) -> PracticeOut:
    """The response form of a practice result, its reasons worded in `language`."""
    practice = result.practice
    worded = reason_in_thai if language == "th" else str
    return PracticeOut(
        id=practice.id,
        title=practice.title,
        summary=practice.summary,
        source_id=practice.source_id,
        author_ids=practice.author_ids,
        domain_ids=practice.domain_ids,
        language=practice.language,
        score=round(result.score, 6),
        reasons=[worded(reason) for reason in result.reasons],
        duplicates=result.duplicates,
    )


@router.get("", response_model=PracticesPage)
def search_practices(
    caller: Reader,
    search: PracticeSearchDep,
    chosen: LanguageDep,
    q: Annotated[str, Query(min_length=1, max_length=1000)],
    limit: Annotated[int, limit_query(PRACTICES_CAP, 10)] = 10,
) -> PracticesPage:
    """Practices matching the text, in any language; reasons in `lang` (else
    Accept-Language)."""
    results = search.search(q, caller.search_scope, limit)
    return PracticesPage(results=[practice_out(r, chosen.language) for r in results])


@router.get("/{practice_id}/related", response_model=PracticesPage)
def related_practices(
    caller: Reader,
    search: PracticeSearchDep,
    chosen: LanguageDep,
    practice_id: Annotated[str, Path(max_length=512)],
    limit: Annotated[int, limit_query(PRACTICES_CAP, 10)] = 10,
) -> PracticesPage:
    """Practices like this one, each saying why it is related, in `lang` (else
    Accept-Language)."""
    results = search.related(practice_id, caller.search_scope, limit, chosen.language)
    return PracticesPage(results=[practice_out(r, chosen.language) for r in results])
