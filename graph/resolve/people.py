"""People only other departments mention, and the names departments spell differently.

A registered member's elements come from the registry (the poverty office is authoritative). A person
the registry does not know gets a node too — named by the caliber's precedence among the sources that
named them, sex and birth date read from the ID — so a payee or an HR record still resolves to a person.
Where sources spell a person's name differently, a conflict lists every spelling with its source row.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

from sqlalchemy import Connection, select, text

from graph.store import schema

_UNKNOWN_PEOPLE = """
SELECT DISTINCT n.citizen_id FROM person_names n
LEFT JOIN people p ON p.citizen_id = n.citizen_id
WHERE p.citizen_id IS NULL
"""

_SPELLED_DIFFERENTLY = """
SELECT citizen_id FROM person_names GROUP BY citizen_id HAVING COUNT(DISTINCT name) > 1
"""


def _by_precedence(names: list[tuple[str, str]], precedence: list[str]) -> str:
    rank = {source: position for position, source in enumerate(precedence)}
    return min(names, key=lambda pair: (rank.get(pair[0], len(rank)), pair[1]))[1]


def _names_of(connection: Connection, people: list[str]) -> dict[str, list[dict[str, str]]]:
    table = schema.PersonName.__table__
    found: dict[str, list[dict[str, str]]] = defaultdict(list)
    for start in range(0, len(people), 2000):
        query = select(table).where(table.c.citizen_id.in_(people[start : start + 2000]))
        for row in connection.execute(query).mappings():
            found[row["citizen_id"]].append(
                {
                    "source": row["source"],
                    "table": row["source_table"],
                    "key": row["source_key"],
                    "value": row["name"],
                }
            )
    return found


def resolve_people(connection: Connection, name_precedence: list[str]) -> None:
    """Create nodes for people only non-registry sources name, and refresh the name conflicts."""
    unknown = [row[0] for row in connection.execute(text(_UNKNOWN_PEOPLE))]
    names = _names_of(connection, unknown)
    new_people = []
    for citizen_id in unknown:
        spelled = [(n["source"], n["value"]) for n in names[citizen_id]]
        new_people.append(
            {
                "citizen_id": citizen_id,
                "name": _by_precedence(spelled, name_precedence),
                "sex": "M" if int(citizen_id[16]) % 2 else "F",
                "birth_date": date(int(citizen_id[6:10]), int(citizen_id[10:12]), int(citizen_id[12:14])),
                "registered": False,
                "is_student": False,
            }
        )
    if new_people:
        connection.execute(schema.Person.__table__.insert(), new_people)

    conflicts = schema.Conflict.__table__
    connection.execute(conflicts.delete().where(conflicts.c.element == "name"))
    differing = [row[0] for row in connection.execute(text(_SPELLED_DIFFERENTLY))]
    if not differing:
        return
    spellings = _names_of(connection, differing)
    people = schema.Person.__table__
    unified: dict[str, str] = {}
    for start in range(0, len(differing), 2000):
        query = select(people.c.citizen_id, people.c.name).where(
            people.c.citizen_id.in_(differing[start : start + 2000])
        )
        unified.update(dict(connection.execute(query).all()))
    connection.execute(
        conflicts.insert(),
        [
            {
                "subject_type": "person",
                "subject_key": citizen_id,
                "element": "name",
                "period": "",
                "unified_value": unified.get(citizen_id),
                "assertions": json.dumps(
                    sorted(spellings[citizen_id], key=lambda a: (a["source"], a["value"])), ensure_ascii=False
                ),
            }
            for citizen_id in differing
        ],
    )
