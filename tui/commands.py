"""The command palette (ctrl+p): every action of the main screen, findable by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.relations import LABEL_RANK, LOOKS
from tui.safe_text import literal, shorten

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

# (name, action on the main screen, help)
ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("Next claim", "next_claim", "Move to the next claim; every pane follows"),
    ("Previous claim", "prev_claim", "Move to the previous claim"),
    ("First claim", "first_claim", "Go to the first shown claim"),
    ("Last claim", "last_claim", "Go to the last shown claim"),
    ("Next claim of the same relation", "next_same", "Skip to the next claim labelled like this one"),
    ("Previous claim of the same relation", "prev_same", "Back to the previous claim labelled like this one"),
    ("Select or unselect the current pair", "toggle_pick", "Toggle the pair that space acts on"),
    ("Select or unselect the whole claim", "pick_claim", "Toggle every pair of the current claim"),
    ("Clear the selection", "clear_picks", "Unselect every pair"),
    ("Export the selection as Markdown", "export", "Write the selected pairs to a file"),
    ("Copy the current pair as Markdown", "copy_pair", "Put the pair on the clipboard"),
    ("Search claims", "search", "Keep the claims whose sentences contain a text"),
    ("Clear filter and search", "clear_query", "Show every claim again"),
    ("Sort claims (next order)", "cycle_order", "Document order, most notable first, most sources first"),
    ("Toggle pane sync", "toggle_sync", "Off lets one pane scroll freely"),
    ("Toggle the overview strip", "toggle_overview", "The per-article heat map"),
)


class CompareCommands(Provider):
    """Offers the main screen's actions, a filter per relation and a jump to each article."""

    def _commands(self) -> list[tuple[Content, str, Callable[[], object], str]]:
        from tui.screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen):
            return []
        commands: list[tuple[Content, str, Callable[[], object], str]] = []
        for name, action, help_text in ACTIONS:
            commands.append((Content(name), name, partial(screen.run_action, action), help_text))
        for label in sorted(LABEL_RANK, key=LABEL_RANK.__getitem__):
            look = LOOKS[label]
            name = f"Filter: only {look.name}"
            commands.append((Content(name), name, partial(self._only, screen, label), look.meaning))
        for number, article in enumerate(screen.articles):
            name = f"Show article {number + 1}"
            title = shorten(literal(article.title), 50)
            # The title is untrusted text: shown as plain Content, never through markup.
            display = Content.assemble(name, (f": {title}", "dim"))
            commands.append((display, f"{name} {title}", partial(screen.action_show_pane, number), "Bring its pane into view"))
        return commands

    @staticmethod
    def _only(screen: MainScreen, label: str) -> None:
        screen.apply_query(replace(screen.query_state, relation=label))

    async def discover(self) -> Hits:
        for display, text, command, help_text in self._commands():
            yield DiscoveryHit(display, command, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for display, text, command, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                # Our own command names may be highlighted (through markup); titles never are.
                shown = matcher.highlight(text) if display.plain == text else display
                yield Hit(score, shown, command, text=text, help=help_text)
