"""Storage: the caches and safe files every other stage may use.

`folders` says where the caches live; `cache` keeps embeddings and signed results in SQLite;
`atomic_file` writes a file whole or not at all, private where asked. Imports no other stage.
"""
