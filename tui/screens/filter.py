"""The `f` dialog: show one relation only (or all claims)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.relations import LABEL_RANK, LOOKS

ALL = "all"


class FilterScreen(ModalScreen[str | None]):
    """Dismisses with a relation name, `ALL`, or None when cancelled."""

    BINDINGS = [Binding("escape,f", "dismiss(None)", "Cancel")]

    def __init__(self, counts: dict[str, int], current: str | None) -> None:
        super().__init__()
        self.counts = counts
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-dialog", classes="dialog"):
            yield Label(Content.styled("Show claims of one relation", "bold"), classes="dialog-title")
            options = [Option(Content(f"  all relations ({sum(self.counts.values())})"), id=ALL)]
            for label in sorted(LABEL_RANK, key=LABEL_RANK.__getitem__):
                look = LOOKS[label]
                options.append(
                    Option(
                        Content.assemble(
                            (f"{look.symbol} {look.name}", f"bold {look.style}"),
                            f" ({self.counts.get(label, 0)})",
                            (f" — {look.meaning}", "dim"),
                        ),
                        id=label,
                        disabled=not self.counts.get(label),
                    )
                )
            yield OptionList(*options, id="filter-options")
            yield Label(Content.styled("enter: apply · escape: cancel", "dim"))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = options.get_option_index(self.current or ALL)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
