"""`hub demo`: sources (already generated here), sync, a development key, GraphiQL served, an example that runs.

The sources are village-scale: nothing asserted here depends on the size, and the demo's sync in its subprocess
then takes seconds instead of most of a minute (the county-scale sync is tested in tests/hub).
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import _free_port
from tests.support.sources import COUNTY_SEED, generate

pytestmark = pytest.mark.slow


def test_demo_serves_the_county_with_a_printed_key(tmp_path: Path) -> None:
    sources = tmp_path / "demo-sources"
    county = generate(sources, scale="village", seed=COUNTY_SEED)
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "hub.cli",
        "demo",
        "--sources",
        str(sources),
        "--port",
        str(port),
        "--store",
        f"sqlite:///{tmp_path / 'store.db'}",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 600
        while not any(line.startswith("hub_") for line in lines):
            line = process.stdout.readline()
            if not line or time.monotonic() > deadline:
                pytest.fail(
                    f"hub demo printed no key:\n{''.join(lines)}\n{process.stderr.read() if process.stderr else ''}"
                )
            lines.append(line)
        key = lines[-1].strip()
        output = "".join(lines)
        assert f"http://127.0.0.1:{port}/graphql" in output
        example = re.search(r"Example query:\n(.*?)\n\n", output, re.S)
        assert example is not None
        while True:
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/graphql", headers={"Accept": "text/html"}, timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                time.sleep(0.2)
        assert page.status_code == 200 and "graphiql" in page.text.lower()
        answer = httpx.post(
            f"http://127.0.0.1:{port}/graphql",
            json={"query": example.group(1)},
            headers={"Authorization": f"Bearer {key}"},
            timeout=30,
        ).json()
        assert "errors" not in answer, answer
        assert answer["data"]["households"]["totalCount"] == county.truth["counts"]["households"]
        assert json.dumps(answer, ensure_ascii=False).count("householdNo") == 3
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=60)
