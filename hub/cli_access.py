"""``hub clients``, ``hub documents`` and ``hub audit``: who may ask the hub what, and who asked."""

from __future__ import annotations

import csv
import json
import sys
from contextlib import nullcontext
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from hub.cli_options import StoreOption, fail, opened_store

clients_app = typer.Typer(no_args_is_help=True, help="Departmental clients and their API keys.")
documents_app = typer.Typer(no_args_is_help=True, help="Trusted documents: the operations restricted clients may run.")


@clients_app.command("add")
def clients_add_command(
    name: Annotated[str, typer.Argument(help="the client's name, e.g. county-hr-360732")],
    scopes: Annotated[str, typer.Option("--scopes", help="comma-separated, e.g. registry:read,employment:read")],
    region: Annotated[str, typer.Option("--region", help="division-code prefix it may see ('' = all)")] = "",
    introspection: Annotated[
        bool, typer.Option("--introspection", help="may read the schema through GraphQL (GraphiQL needs it)")
    ] = False,
    trusted_only: Annotated[
        bool, typer.Option("--trusted-only", help="may run registered operations only (`hub documents add`)")
    ] = False,
    store: StoreOption = None,
) -> None:
    """Create a client; its API key is printed once, alone on the last line."""
    from hub.auth.clients import ClientError, add_client

    with opened_store(store, ClientError) as opened:
        key = add_client(opened.engine, name, scopes, region, introspection=introspection, trusted_only=trusted_only)
    typer.echo(f"client {name!r} created; send its key as 'Authorization: Bearer <key>'. Only a hash is stored:")
    typer.echo(key)


@clients_app.command("rotate")
def clients_rotate_command(name: Annotated[str, typer.Argument()], store: StoreOption = None) -> None:
    """Issue a new key (the old one stops working at once); printed alone on the last line."""
    from hub.auth.clients import ClientError, rotate_key

    with opened_store(store, ClientError) as opened:
        key = rotate_key(opened.engine, name)
    typer.echo(f"client {name!r} has a new key; the old one no longer works:")
    typer.echo(key)


@clients_app.command("revoke")
def clients_revoke_command(name: Annotated[str, typer.Argument()], store: StoreOption = None) -> None:
    """Revoke a client's key at once."""
    from hub.auth.clients import ClientError, revoke

    with opened_store(store, ClientError) as opened:
        revoke(opened.engine, name)
    typer.echo(f"client {name!r} revoked")


@clients_app.command("list")
def clients_list_command(store: StoreOption = None) -> None:
    """Every client with its scopes, region and key history (never the key), one tab-separated line each."""
    from hub.auth.clients import list_clients

    with opened_store(store) as opened:
        found = list_clients(opened.engine)
    typer.echo("name\tscopes\tregion\tintrospection\ttrusted-only\tcreated\trotated\trevoked")
    for client in found:
        fields = (
            client.name,
            ",".join(client.scopes),
            client.region_prefix or "*",
            "yes" if client.introspection else "no",
            "yes" if client.trusted_only else "no",
            client.created_at,
            client.rotated_at or "-",
            client.revoked_at or "-",
        )
        typer.echo("\t".join(str(field) for field in fields))


@documents_app.command("add")
def documents_add_command(
    files: Annotated[list[Path], typer.Argument(help="files each holding one GraphQL document", exists=True)],
    store: StoreOption = None,
) -> None:
    """Register documents; prints each one's SHA-256 (what clients may send as persistedQuery.sha256Hash)."""
    from hub.auth.documents import DocumentError, register_document

    with opened_store(store) as opened:
        for file in files:
            try:
                digest = register_document(opened.engine, file.read_text(encoding="utf-8"))
            except DocumentError as error:
                raise fail(f"{file}: {error}") from None
            typer.echo(f"{digest}\t{file}")


@documents_app.command("list")
def documents_list_command(store: StoreOption = None) -> None:
    """Every registered document's hash, registration time and first line."""
    from sqlalchemy import select

    from hub.auth.documents import DOCUMENTS

    with opened_store(store) as opened, opened.engine.connect() as connection:
        rows = connection.execute(select(DOCUMENTS).order_by(DOCUMENTS.c.registered_at)).all()
    for row in rows:
        first_line = row.document.strip().splitlines()[0] if row.document.strip() else ""
        typer.echo(f"{row.sha256}\t{row.registered_at}\t{first_line}")


AUDIT_FIELDS = ("at", "client", "operation", "request_id", "citizen_id", "field_groups")


def audit_command(
    out: Annotated[str, typer.Option("--out", help="file to write, or - for standard output")] = "-",
    output_format: Annotated[str, typer.Option("--format", help="jsonl or csv")] = "jsonl",
    citizen_id: Annotated[str | None, typer.Option("--citizen-id", help="only reads of this person")] = None,
    client: Annotated[str | None, typer.Option("--client", help="only reads by this client")] = None,
    since: Annotated[datetime | None, typer.Option(help="only reads at or after this time (UTC)")] = None,
    until: Annotated[datetime | None, typer.Option(help="only reads before this time (UTC)")] = None,
    store: StoreOption = None,
) -> None:
    """Export the access log: who read whose data, when, by which operation, which field groups."""
    from hub.auth.audit_export import AuditQuery, read_access_log

    if output_format not in ("jsonl", "csv"):
        raise fail(f"--format {output_format!r} is not known; expected jsonl or csv")
    if citizen_id is not None:
        from graph.caliber import Invalid
        from graph.caliber import citizen_id as normalize_citizen_id

        try:
            citizen_id = normalize_citizen_id(citizen_id)
        except Invalid as error:
            raise fail(f"--citizen-id: {error.reason}") from None
    query = AuditQuery(citizen_id=citizen_id, client=client, since=since, until=until)
    target = nullcontext(sys.stdout) if out == "-" else Path(out).open("w", encoding="utf-8", newline="")  # noqa: SIM115
    count = 0
    with opened_store(store) as opened, target as stream:
        writer = csv.DictWriter(stream, fieldnames=AUDIT_FIELDS) if output_format == "csv" else None
        if writer is not None:
            writer.writeheader()
        for entry in read_access_log(opened.engine, query):
            if writer is not None:
                writer.writerow(entry)
            else:
                stream.write(json.dumps(entry, ensure_ascii=False) + "\n")
            count += 1
    if out != "-":
        typer.echo(f"{count} access-log entries written to {out}", err=True)
