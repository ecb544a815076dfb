"""Core: what every stage shares: spans and diagnostics, the vocabulary, the model, text measures."""
