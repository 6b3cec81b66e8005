"""``diplo-ner explain``: what the pipeline saw in a text and which rule produced each triple."""

from __future__ import annotations

from typing import Any


def explain_text(text: str, pub_date: Any = None) -> str:
    """A readable report: publication date, entities, titles, dates, and triples with rules."""
    from .pipeline import default_pipeline, make_doc

    nlp = default_pipeline()
    doc = nlp(make_doc(nlp, text, pub_date, "explain"))
    lines = [f"publication date: {doc._.pub_date or 'unknown'}"
             + (f" (read from {doc._.pub_date_evidence!r})" if doc._.pub_date_evidence else "")]
    lines.append("entities:")
    lines += [f"  {e.label_:<13} {e.text!r} → {e._.canonical or e.text}"
              + (f" [{e._.kb_id}, {e._.resolved_by}]" if e._.kb_id else "")
              for e in doc.ents if e.label_ in ("OFFICIAL", "MINISTRY", "TREATY", "MIL_EXERCISE", "COUNTRY")]
    lines.append("titles:")
    lines += [f"  {t.text!r} → {t._.canonical or 'unresolved'} ({t._.resolved_by or t._.country or '?'})"
              for t in doc.spans.get("titles", ())]
    lines.append("dates:")
    lines += [f"  {d.text!r} → {d._.date_value}" for d in doc.spans.get("dates", ())]
    lines.append("triples:")
    for t in doc._.triples or ():
        lines.append(f"  ({t.actor}, {t.event_type}, {t.counterpart}"
                     + (f" [{t.object}]" if t.object else "") + f", {t.date})")
        lines.append(f"    rule {t.rule}, confidence {t.confidence}, trigger "
                     f"{text[t.trigger_start:t.trigger_end]!r}, date from {t.date_text!r}")
    return "\n".join(lines)
