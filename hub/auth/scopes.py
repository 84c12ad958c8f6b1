"""The scopes a client may hold; :mod:`hub.auth.policy` says which part of the schema needs which."""

from __future__ import annotations

SCOPES: dict[str, str] = {
    "registry:read": "households, members, regions, workshops",
    "employment:read": "monthly employment, follow-ups, return events, placements, trainings, postings",
    "payments:read": "subsidy payments",
    "pii:read": "citizen IDs, phones and bank accounts unmasked",
    "findings:read": "monitoring and reconciliation findings",
    "findings:write": "acknowledge and resolve findings",
    "followups:write": "submit follow-up visits",
    "audit:read": "the access log: who read whose data, when, by which operation",
    "clients:admin": "manage clients and keys",
}


def parse_scopes(text: str) -> frozenset[str]:
    """``a,b`` → the set of scopes; an unknown one is refused naming it and the known ones."""
    scopes = frozenset(part.strip() for part in text.split(",") if part.strip())
    unknown = sorted(scopes - SCOPES.keys())
    if unknown:
        raise ValueError(f"unknown scope(s) {', '.join(unknown)}; expected some of {', '.join(SCOPES)}")
    return scopes
