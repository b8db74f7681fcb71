"""compare's terminal app: renders an `align.Alignment` in synchronized panes (no NLP here).

- `app.py`: the App (global keys, theme) and `make_app`, the one factory the CLI and tests use.
- `screens/main.py`: the comparison screen; owns the current claim, sync, query and selection,
  runs the engine in a thread worker (`alignment_job.py` makes quitting never wait for it).
- `screens/`: the filter, export and help dialogs. `widgets/`: one widget per module.
- `state.py`, `relations.py`, `word_diff.py`, `safe_text.py`: widget-free view logic, the look
  of each relation, the display diff, and the neutralising of untrusted article text.
"""
