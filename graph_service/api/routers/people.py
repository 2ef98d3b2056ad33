"""A person's portal writes their profile: `PUT /v1/people/{id}/skills` and `.../status`.

Only keys with the `profile` scope (or `admin`) may, and a `profile` key only for the
members its portal signs in (`acts_for` in the keys file; anyone else is a 403): the portal
names the member acting in `actor`; every change is logged with the key, the member and the
time. The answer is the profile as the person's portal sees it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from graph_service.api.deps import MemberEditor, StoreDep
from graph_service.api.problems import COMMON_ERRORS, problem_responses
from queries.browse import PersonOut, person_profile
from queries.profile_edit import SkillsIn, StatusIn, replace_skills, set_status

router = APIRouter(
    prefix="/v1", tags=["people"], responses=problem_responses(*COMMON_ERRORS, 403, 404)
)
Id = Annotated[str, Path(min_length=1, max_length=512)]


@router.put("/people/{person_id}/skills", response_model=PersonOut)
def put_skills(caller: MemberEditor, store: StoreDep, person_id: Id, body: SkillsIn) -> PersonOut:
    """Replace the person's declared, confirmed and hidden skills (unlisted ones are
    withdrawn). An unknown domain, a domain listed twice, or confirming or hiding what
    nothing was inferred about is a 422 naming the item."""
    replace_skills(store, person_id, body, caller.name)
    return person_profile(store, caller.search_scope, person_id, private=True)


@router.put("/people/{person_id}/status", response_model=PersonOut)
def put_status(caller: MemberEditor, store: StoreDep, person_id: Id, body: StatusIn) -> PersonOut:
    """Set the person's status (`active`, `away` with `until`, `left` with `since`) and
    whether they take questions."""
    set_status(store, person_id, body, caller.name)
    return person_profile(store, caller.search_scope, person_id, private=True)
