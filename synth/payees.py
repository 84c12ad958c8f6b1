"""Who finance pays: a registered member (into their own or their household's account) or an outsider."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from synth import identifiers, names, rng
from synth.model import Person
from synth.regions import Village


@dataclass(frozen=True, slots=True)
class Payee:
    """An individual paid: registered member or not."""

    name: str
    citizen_id: str
    account: str
    raw_id: str | None = None  # how finance wrote the ID, when not the plain 18 characters


def payee(person: Person, account: str | None = None) -> Payee:
    own = person.own_account or person.household.account
    return Payee(person.name, person.citizen_id, account or own)


def outsider(village: Village, local_index: int, number: int, seed: int) -> Payee:
    """Someone in no registered household (an ID no member has: order code 95x)."""
    draw = rng.stream(seed, "outsider", village.code, number)
    male = draw.random() < 0.5
    birth = date(1975, 1, 1) + timedelta(days=local_index * 20 + number % 20)
    citizen = identifiers.citizen_id(village.township.county, birth, 950 + (1 if male else 0))
    name = names.person_name(draw, names.surname(draw), male)
    account = identifiers.bank_card("622202", village.serial * 100 + number % 100)
    return Payee(name, citizen, account)
