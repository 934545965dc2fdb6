"""The maintainers' tools: markers, generate, verify, new-step, test parts, translations."""
