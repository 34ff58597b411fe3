"""A pool of kernels for the report: started and warmed up while the article is analysed, each then running
notebooks one after another.

A fresh kernel per notebook pays the kernel's start and its imports (pandas, matplotlib, spaCy, scikit-learn,
ipywidgets, this package) again for every notebook: most of a notebook's CPU time on an article of a few
pages. A pool kernel pays them once. It starts when the report starts and imports what the notebooks share
(:func:`shared_imports`, with the garbage collector off, then freezing what they made) while the report
analyses the article. Before each notebook,
IPython's ``reset(new_session=True)`` empties its namespace, its history and its output cache and restarts
its execution count, and the notebook's working folder and environment variables are set. A notebook so
starts from an empty namespace as on a fresh kernel (a name it uses without defining it still fails); what
it shares with the notebooks before it is the modules already imported.
"""

from __future__ import annotations

import ast
import asyncio
import queue
import threading
from collections.abc import Callable, Iterable
from typing import TypeVar

import nbformat

Item, Result = TypeVar("Item"), TypeVar("Result")
STARTUP_TIMEOUT_SECONDS = 120
# No start-up chatter in the progress output; no input history written to IPython's database, which every
# kernel of the machine shares (and locks).
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR", "--HistoryManager.enabled=False"]
# Run silently (no output, no history, no execution count) before each notebook; nothing stays in its namespace.
PRELUDE = ("get_ipython().reset(new_session=True)\n"
           "__import__('os').chdir({cwd!r})\n"
           "__import__('os').environ.update({environment!r})\n")
# Around the warm-up, which makes long-lived objects only (modules and their tables): no garbage collection
# while it runs, then those objects frozen (``gc.freeze``), so that the collections while a notebook runs (and
# the full one of each reset) walk only what the notebooks made: about a tenth of a kernel's CPU time.
BEFORE_WARM_UP, AFTER_WARM_UP = "__import__('gc').disable()", "__import__('gc').freeze(); __import__('gc').enable()"


def shared_imports(notebooks: Iterable) -> str:
    """Code importing what at least two of the notebooks import (each statement of their code cells taken one
    imported name at a time), going on past an import that fails: the notebook then reports it in its cell.

    A kernel runs several notebooks, whichever come next: what two or more of them import it most likely
    needs; what one notebook alone imports is left to the one kernel that runs it.
    """
    users: dict[str, set[int]] = {}
    for number, notebook in enumerate(notebooks):
        for cell in notebook.cells:
            if cell.cell_type != "code":
                continue
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:  # IPython syntax (magics): not ours to warm up
                continue
            for node in tree.body:
                if isinstance(node, ast.Import):
                    statements = [f"import {alias.name}" for alias in node.names]
                elif isinstance(node, ast.ImportFrom):
                    module = "." * node.level + (node.module or "")
                    statements = [f"from {module} import {alias.name}" for alias in node.names]
                else:
                    continue
                for statement in statements:
                    users.setdefault(statement, set()).add(number)
    shared = [statement for statement, numbers in users.items() if len(numbers) > 1]
    return (f"for _statement in {shared!r}:\n"
            "    try:\n        exec(_statement, {})\n    except Exception:\n        pass\n")


class PoolKernel:
    """One kernel of the pool, driven from one thread through its own event loop.

    ``launched`` (if given) is called once the kernel's process is started, before it is ready: the caller
    may then go on with its own heavy imports while the kernel starts and warms up on another core.
    """

    def __init__(self, environment: dict, warm_up: str, *, timeout: int, launched: Callable[[], None] | None = None):
        try:
            from jupyter_client.manager import AsyncKernelManager

            self.timeout = timeout
            self.loop = asyncio.new_event_loop()
            self.manager = AsyncKernelManager(kernel_name="python3")
            self.loop.run_until_complete(self.manager.start_kernel(env=environment, extra_arguments=KERNEL_ARGUMENTS))
        finally:
            if launched is not None:
                launched()
        try:
            self.loop.run_until_complete(self._connect(warm_up))
        except BaseException:
            self.shutdown()
            raise

    async def _connect(self, warm_up: str) -> None:
        self.client = self.manager.client()
        self.client.start_channels()
        await self.client.wait_for_ready(timeout=STARTUP_TIMEOUT_SECONDS)
        self.client.allow_stdin = False
        for code in (BEFORE_WARM_UP, warm_up, AFTER_WARM_UP):
            await self._run_silently(code)

    async def _run_silently(self, code: str) -> None:
        reply = await self.client.execute_interactive(code, silent=True, store_history=False, timeout=self.timeout,
                                                      output_hook=lambda message: None)
        content = reply["content"]
        if content["status"] != "ok":
            raise RuntimeError(f"kernel set-up failed: {content.get('ename')}: {content.get('evalue')}")

    def execute(self, notebook: nbformat.NotebookNode, *, cwd: str, environment: dict) -> None:
        """Run ``notebook`` top to bottom from an empty namespace in ``cwd`` with ``environment`` set
        (raises nbclient's ``CellExecutionError`` when a cell fails)."""
        from nbclient import NotebookClient

        async def run():
            await self._run_silently(PRELUDE.format(cwd=cwd, environment=environment))
            runner = NotebookClient(notebook, km=self.manager, timeout=self.timeout, kernel_name="python3",
                                    resources={"metadata": {"path": cwd}})
            runner.kc = self.client  # this kernel's client, kept open from one notebook to the next
            await runner.async_execute()

        self.loop.run_until_complete(run())

    def shutdown(self) -> None:
        if hasattr(self, "client"):
            self.client.stop_channels()
        self.loop.run_until_complete(self.manager.shutdown_kernel(now=True))
        self.loop.close()


def run_on_pool(run: Callable[[PoolKernel, Item], Result], items: list[Item], *, size: int, environment: dict,
                warm_up: str, timeout: int, launched: threading.Event | None = None) -> list[Result]:
    """``run(kernel, item)`` for every item, in order, on the first free of ``size`` pool kernels; the results
    in the order of ``items``. After a failure no further item starts, and the first failure is raised.

    ``launched`` is set once every kernel's process has started (or failed to), before the kernels are ready.
    """
    pending: queue.SimpleQueue = queue.SimpleQueue()
    for index, item in enumerate(items):
        pending.put((index, item))
    results: dict[int, Result] = {}
    failures: dict[int, BaseException] = {}
    failed = threading.Event()
    n_kernels = min(size, len(items))
    starting = [n_kernels]  # kernels whose process is not started yet
    counting = threading.Lock()

    def started() -> None:
        with counting:
            starting[0] -= 1
            if starting[0] == 0 and launched is not None:
                launched.set()

    def worker() -> None:
        try:
            kernel = PoolKernel(environment, warm_up, timeout=timeout, launched=started)
        except BaseException as error:  # noqa: BLE001 - handed to the caller below
            failures[-1] = error
            failed.set()
            return
        try:
            while not failed.is_set():
                try:
                    index, item = pending.get_nowait()
                except queue.Empty:
                    return
                try:
                    results[index] = run(kernel, item)
                except BaseException as error:  # noqa: BLE001 - handed to the caller below
                    failures[index] = error
                    failed.set()
        finally:
            kernel.shutdown()

    threads = [threading.Thread(target=worker, name=f"kernel-{number}") for number in range(n_kernels)]
    if n_kernels == 0 and launched is not None:
        launched.set()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[min(failures)]
    return [results[index] for index in range(len(items))]
