"""The `m` dialog: where to write the selection as Markdown; never overwrites without asking."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from align.store.atomic_file import TargetError

BASE_NAME = "compare-selection"


def propose_path(directory: Path) -> Path:
    """`compare-selection.md`, or `-2`, `-3`… if taken, in `directory`."""
    candidate = directory / f"{BASE_NAME}.md"
    number = 2
    while candidate.exists():
        candidate = directory / f"{BASE_NAME}-{number}.md"
        number += 1
    return candidate


class ExportScreen(ModalScreen[Path | None]):
    """Dismisses with the path written, or None. `write(path, force)` raises FileExistsError for
    a file it may overwrite when asked, TargetError for a path it never writes to."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, proposed: Path, summary: str, write: Callable[[Path, bool], None]) -> None:
        super().__init__()
        self.proposed = proposed
        self.summary = summary
        self.write = write
        self._confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog", classes="dialog"):
            yield Label(Content.styled("Export the selection as Markdown", "bold"), classes="dialog-title")
            yield Label(Content(self.summary))
            yield Input(str(self.proposed), id="export-path")
            yield Label("", id="export-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _forget_confirmation(self) -> None:
        self._confirmed = None
        save = self.query_one("#save", Button)
        save.label, save.variant = "Save", "primary"
        self._say("")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        text = self.query_one(Input).value.strip()
        if not text:
            self._say("Type a file name.", error=True)
            return
        path = Path(text).expanduser()
        if not path.is_absolute():  # relative to the proposed folder, not to wherever we run
            path = self.proposed.parent / path
        if path.is_dir():  # a folder: the proposed file name inside it
            path = path / self.proposed.name
        try:
            self.write(path, self._confirmed == path)
        except FileExistsError:
            self._confirmed = path
            save = self.query_one("#save", Button)
            save.label, save.variant = "Overwrite", "warning"
            self._say(f"{path.name} exists. Save again to overwrite it, or change the name.", error=True)
            return
        except TargetError as error:  # a folder, a device, a named pipe, a link: never "Overwrite"
            self._say(f"Cannot write {path}: {error.reason}", error=True)
            return
        except (OSError, ValueError) as error:
            cause = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            self._say(f"Cannot write {path}: {cause}", error=True)
            return
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    def _say(self, message: str, *, error: bool = False) -> None:
        self.query_one("#export-message", Label).update(Content.styled(message, "$text-error" if error else ""))
