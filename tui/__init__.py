"""compare's terminal app: renders an `align.Alignment` in synchronized panes (no NLP here)."""
