"""`marsad analyze`: run the pipeline over files or standard input and print marsad/1 JSON Lines or a summary."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from marsad.errors import MarsadError

TYPE_EN = {"PER": "person", "ORG": "organisation", "LOC": "place", "MISC": "other"}
TYPE_AR = {"PER": "شخص", "ORG": "منظمة", "LOC": "مكان", "MISC": "أخرى"}


def _expand(paths: tuple[str, ...]):
    for p in paths:
        if p == "-":
            yield None
            continue
        path = Path(p)
        if path.is_dir():
            yield from sorted(q for q in path.rglob("*") if q.is_file() and not q.name.startswith("."))
        else:
            yield path


def render_text(doc) -> str:
    """A readable summary for people: Arabic first, English glosses of types and roles."""
    ents = {e.id: e for e in doc.entities}

    def name(eid):
        e = ents.get(eid)
        return f"{e.name} ({e.name_en})" if e and e.name_en else (e.name if e else "—")

    lines = [f"# {doc.id}" + (f" — {doc.title}" if doc.title else ""),
             f"published: {doc.published or '—'}   source: {doc.source or '—'}"]
    if doc.dateline:
        lines.append(f"dateline: {doc.dateline.source or '—'} / {doc.dateline.place or '—'}")
    lines.append(f"sentences: {len(doc.sentences)}")
    lines.append("\nالكيانات / entities:")
    for e in doc.entities:
        extra = []
        if e.role:
            extra.append(f"role {e.role}")
        if e.country:
            extra.append(e.country)
        if e.lat is not None:
            extra.append(f"{e.lat:.3f},{e.lon:.3f}")
        lines.append(f"  {e.id} {TYPE_AR[e.type]} ({TYPE_EN[e.type]}): {e.name}"
                     + (f" [{e.name_en}]" if e.name_en else "")
                     + (f" — {', '.join(extra)}" if extra else "") + f"  ×{len(e.mentions)}")
    if doc.quotes:
        lines.append("\nالاقتباسات / quotes:")
        for q in doc.quotes:
            who = name(q.speaker) if q.speaker else "unattributed"
            cue = f" ({q.cue.text})" if q.cue else ""
            lines.append(f"  {q.id} {who}{cue}: «{q.text}»")
    if doc.quantities:
        lines.append("\nالكميات / quantities:")
        for q in doc.quantities:
            val = q.value if q.value is not None else f"{q.low}–{q.high}"
            lines.append(f"  {q.text} → {val}" + (f" {q.unit}" if q.unit else ""))
    if doc.times:
        lines.append("\nالأوقات / times:")
        for t in doc.times:
            lines.append(f"  {t.id} {t.text} → {t.value or 'unresolved'}")
    if doc.events:
        lines.append("\nالأحداث / events:")
        for v in doc.events:
            actors = ", ".join(name(a) for a in v.actor) or "—"
            recips = ", ".join(name(a) for a in v.recipient) or "—"
            where = f" in {name(v.location)}" if v.location else ""
            neg = " (negated)" if v.negated else ""
            lines.append(f"  {v.id} {v.type}{'/' + v.mode if v.mode else ''} CAMEO {v.cameo}: {actors} → {recips}"
                         f"{where} «{v.trigger.text}»{neg}")
    if doc.problems:
        lines.append("\nproblems:")
        for p in doc.problems:
            lines.append(f"  {p.code} [{p.stage}] {p.message}")
    return "\n".join(lines) + "\n"


@click.command("analyze")
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", help="Publication date YYYY-MM-DD; relative dates resolve against it.")
@click.option("--id", "doc_id", help="Document id (single input only).")
@click.option("--source", help="Source outlet name.")
@click.option("--url", help="Source URL.")
@click.option("--title", help="Article title.")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
@click.option("--max-chars", type=int, help="Truncate longer inputs (default from configuration).")
def command(paths, published, doc_id, source, url, title, fmt, max_chars):
    """Analyze Arabic articles (files, folders, or - for standard input).

    \b
    Example:
      marsad analyze ../shared/seed/elaph-kadhimi-nato.txt --published 2021-03-03 --format text
    """
    from marsad.inputs import document_from_file, prepare
    from marsad.pipeline import load_pipeline
    from marsad.settings import load_settings

    try:
        settings = load_settings({"max_chars": max_chars})
        pipeline = load_pipeline()
    except MarsadError as exc:
        raise click.UsageError(str(exc)) from exc
    meta = {"published": published, "source": source, "url": url, "title": title}
    files = list(_expand(paths))
    if doc_id and len(files) > 1:
        raise click.UsageError("--id names one document; give one input")

    def docs():
        for f in files:
            if f is None:
                raw = sys.stdin.buffer.read()
                from marsad.textio import decode_bytes

                text, enc, probs = decode_bytes(raw, "<stdin>")
                yield prepare(text or "", doc_id=doc_id or "stdin", max_chars=settings.max_chars,
                              encoding=enc, problems=tuple(probs), **meta)
            else:
                yield document_from_file(f, max_chars=settings.max_chars, doc_id=doc_id, **meta)

    had_problems = False
    out = sys.stdout
    for doc in pipeline.analyze_many(docs()):
        if doc.problems:
            had_problems = True
            for p in doc.problems:
                click.echo(f"{doc.id}: {p.code} [{p.stage}] {p.message}", err=True)
        if fmt == "json":
            out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
        else:
            out.write(render_text(doc) + "\n")
        out.flush()
    sys.exit(1 if had_problems else 0)
