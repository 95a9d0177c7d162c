"""Measure `wwrlint server`: the time from a change of an open brief to its published
diagnostics, in a generated archive with a warm cache, and the server's memory over an
hour's worth of changes (one change a second, made here as fast as the server answers).

    python bench/server.py --briefs 1000 --changes 3600

Each change is a real edit of the buffer (a word typed into a claim; every tenth change a
citation broken, then mended), sent as an editor sends it, and waited for: the figure is
what a user waits, the server's debounce included.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate


def rss_mb(pid: int) -> float:
    """The resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def edited(text: str, number: int) -> str:
    """The brief with change `number` made: a word more in its first claim, and every
    tenth change a citation of a source the brief does not have."""
    text = text.replace("  - claim: ", f"  - claim: Word{number % 97} ", 1)
    if number % 10 == 5:
        text = text.replace("sources: [", "sources: [no-such-source, ", 1)
    return text


async def measure(work: Path, brief: Path, changes: int, sample_every: int) -> None:
    published: dict[int, float] = {}
    arrived = asyncio.Event()
    uri = from_fs_path(str(brief))
    assert uri is not None
    client = LanguageClient("wwrlint-bench", "1")

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(_client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        if params.uri == uri and params.version is not None:
            published[params.version] = time.perf_counter()
            arrived.set()

    environment = {**os.environ, "WWRLINT_CACHE_DIR": str(work / "cache")}
    command = [sys.executable, "-m", "wwrlint", "server"]
    await client.start_io(*command, cwd=str(work), env=environment)
    assert client._server is not None
    pid = client._server.pid
    capabilities = types.ClientCapabilities(
        text_document=types.TextDocumentClientCapabilities(
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(related_information=True)
        )
    )
    await client.initialize_async(
        types.InitializeParams(capabilities, root_uri=from_fs_path(str(work)))
    )
    client.initialized(types.InitializedParams())

    async def wait_for(version: int) -> float:
        while version not in published:
            arrived.clear()
            await asyncio.wait_for(arrived.wait(), 60)
        return published[version]

    text = brief.read_text(encoding="utf-8")
    started = time.perf_counter()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "yaml", 1, text))
    )
    opened = await wait_for(1) - started
    print(f"open: {opened * 1000:.1f} ms to the first diagnostics; server RSS {rss_mb(pid):.1f} MB")
    latencies: list[float] = []
    memory = [(0, rss_mb(pid))]
    for number in range(1, changes + 1):
        version = number + 1
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version, uri),
                [types.TextDocumentContentChangeWholeDocument(edited(text, number))],
            )
        )
        latencies.append(await wait_for(version) - sent)
        if number % sample_every == 0:
            memory.append((number, rss_mb(pid)))
            recent = statistics.median(latencies[-sample_every:]) * 1000
            print(
                f"  {number} changes: RSS {memory[-1][1]:.1f} MB, "
                f"median of the last {sample_every} {recent:.1f} ms",
                flush=True,
            )
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()

    ms = sorted(x * 1000 for x in latencies)
    print(f"\nchange -> published diagnostics, {len(ms)} changes:")
    print(
        f"  median {statistics.median(ms):.1f} ms, p90 {ms[int(len(ms) * 0.9)]:.1f} ms, "
        f"max {ms[-1]:.1f} ms"
    )
    print(f"  server RSS at start {memory[0][1]:.1f} MB, at the end {memory[-1][1]:.1f} MB")
    print("  RSS by changes: " + ", ".join(f"{n}: {mb:.1f}" for n, mb in memory))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--briefs", type=int, default=1000, help="archive size")
    parser.add_argument("--changes", type=int, default=3600, help="changes to make")
    parser.add_argument("--sample-every", type=int, default=600, help="changes between RSS samples")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="wwrlint-bench-server-") as temporary:
        work = args.keep or Path(temporary)
        paths = generate(work, args.briefs)
        (work / ".git").mkdir(exist_ok=True)  # a repository: the archive rules run
        print(
            f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}"
        )
        print(f"archive: {len(paths)} briefs in {work}")
        environment = {**os.environ, "WWRLINT_CACHE_DIR": str(work / "cache")}
        warm = [sys.executable, "-m", "wwrlint", "check", "-q", "briefs"]
        subprocess.run(warm, cwd=work, env=environment, capture_output=True, check=False)
        print("cache: warmed by one `wwrlint check briefs`")
        # a brief without mistakes, so each change's diagnostics differ from the last's
        brief = next(p for p in paths[len(paths) // 2 :] if _passes(work, p, environment))
        asyncio.run(measure(work, brief, args.changes, args.sample_every))


def _passes(work: Path, path: Path, environment: dict[str, str]) -> bool:
    command = [sys.executable, "-m", "wwrlint", "check", "-q", str(path.relative_to(work))]
    return (
        subprocess.run(
            command, cwd=work, env=environment, capture_output=True, check=False
        ).returncode
        == 0
    )


if __name__ == "__main__":
    main()
