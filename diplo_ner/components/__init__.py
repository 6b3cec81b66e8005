"""The diplo_ner spaCy components, one module per factory, in pipeline order:
body → entities → linker → dates → relations."""
