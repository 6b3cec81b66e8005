"""The diplo_ner spaCy components, one module per factory, in pipeline order:
body (paragraphs before the parser, furniture after it) → entities → names → dates → linker
→ relations (with parties.py and syntax.py)."""
