"""The program never reaches the network, even with an empty cache (the model is local)."""

from __future__ import annotations

import socket

import align


def test_cold_alignment_opens_no_socket(monkeypatch, tmp_path, seeds_dir):
    monkeypatch.setenv("COMPARE_CACHE_DIR", str(tmp_path))
    attempts: list[object] = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(None, a))
    articles = align.load_corpus(sorted(seeds_dir.glob("*.txt"))[3:])  # two short articles
    result = align.align(articles, use_cache=True)
    assert result.claims and attempts == []
