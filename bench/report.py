"""bench/results/results.json as Markdown tables."""
from __future__ import annotations

STAGES = ("parse", "extract", "map", "validate", "tables", "emit", "store", "rules")


def _s(x: float | None) -> str:
    return "—" if x is None else (f"{x:.2f}" if x < 10 else f"{x:.0f}")


def _export(e: dict) -> str:
    if e["wall_s"] is None:
        return f"not done in {e['timed_out_after_s']:.0f} s"
    return f"{_s(e['wall_s'])} s, {e['bytes'] / 2**20:.0f} MB"


def markdown(r: dict) -> str:
    m = r["machine"]
    runs = "; ".join(f"{k}: {v}" for k, v in r.get("runs", {}).items() if v)
    lines = [(f"Runs ({runs}) " if runs else f"Run {r['started']} ") + f"on {m['cpus']} CPUs ({m['cpu']}), {m['mem_gib']} GiB, Python {m['python']}; "
             f"load average before: {', '.join(f'{x:.1f}' for x in m['load_before'])}.", ""]
    base = r.get("baseline")
    lines += ["### Build", "",
              "| releases | wall s | releases/s | peak RSS MB | store MB | triples | write | "
              + " | ".join(f"{s} s" for s in STAGES) + " |",
              "|---" * (7 + len(STAGES)) + "|"]
    for size in r["sizes"]:
        b = size["build"]
        st = b["stages_s"]
        lines.append(f"| {size['releases']} | {_s(b['wall_s'])} | {size['releases_per_s']:.1f} | {b['peak_rss_mb']:.0f} | "
                     f"{size['store_bytes'] / 2**20:.0f} | {b['store_triples']} | {b['write_method']} | "
                     + " | ".join(_s(st.get(s)) for s in STAGES) + " |")
    if base:
        st = base["stages_s"]
        note = f" (stopped at the time-out in {base['timed_out']})" if base.get("timed_out") else ""
        rate = base["releases"] / base["wall_s"]
        lines.append(f"| {base['releases']} baseline{note} | {_s(base['wall_s'])} | {rate:.1f} | {base['peak_rss_mb']:.0f} | — | "
                     f"{base.get('triples', '—')} | one SPARQL Update | " + " | ".join(_s(st.get(s)) for s in STAGES) + " |")
    lines += ["", "Stage times are summed over the worker processes (CPU-bound, so about twice the wall time they "
              "take on 2 cores); `store` and `rules` run once, after the workers.", ""]
    if base:
        lines += ["### Against the baseline (same machine, same session)", "", "| releases | build s | baseline s (at its size) | speed-up in releases/s |",
                  "|---|---|---|---|"]
        brate = base["releases"] / base["wall_s"]
        for size in r["sizes"]:
            lines.append(f"| {size['releases']} | {_s(size['build']['wall_s'])} | {_s(base['wall_s'])} ({base['releases']}) | "
                         f"{size['releases_per_s'] / brate:.1f}× |")
        lines.append("")
    lines += ["### Rebuilds", "", "| releases | unchanged input, whole corpus s | one changed release (that file) s | write |",
              "|---|---|---|---|"]
    for size in r["sizes"]:
        one = size["rebuild_one"]
        lines.append(f"| {size['releases']} | {_s(size['unchanged_rebuild_s'])} | {_s(one['changed_wall_s'])} | {one['write_method']} |")
    lines += ["", "### Saved queries (`kg query NAME` as a process; median / p95 s)", ""]
    names = sorted({q for size in r["sizes"] for q in size["queries"]})
    lines += ["| query | " + " | ".join(str(size["releases"]) for size in r["sizes"]) + " |",
              "|---" * (1 + len(r["sizes"])) + "|"]
    for q in names:
        cells = []
        for size in r["sizes"]:
            t = size["queries"].get(q)
            if t is None:
                cells.append("—")
            elif t["median_s"] is None:
                cells.append(f"> {t['timed_out_after_s']:.0f}")
            else:
                cells.append(f"{t['median_s']:.2f} / {t['p95_s']:.2f}")
        lines.append(f"| {q} | " + " | ".join(cells) + " |")
    lines += ["", "### Exports (s, MB)", "", "| releases | N-Quads | JSON-LD |", "|---|---|---|"]
    for size in r["sizes"]:
        e = size["exports"]
        lines.append(f"| {size['releases']} | " + " | ".join(_export(e[f]) for f in ("nq", "jsonld")) + " |")
    lines += _against_oxigraph(r) + _provenance(r) + _others(r)
    return "\n".join(lines) + "\n"


def _load(x) -> str:
    return ", ".join(f"{v:.1f}" for v in x) if x else "—"


def _against_oxigraph(r: dict) -> list[str]:
    rows = [s for s in r["sizes"] if s.get("oxigraph_load")]
    if not rows:
        return []
    out = ["", "### The build against Oxigraph's own bulk load of what it produced", "",
           "`Store.bulk_load` of the build's N-Quads export into a fresh store, then `flush()` and `optimize()`, "
           "in a process of its own, in the same run.", "",
           "| releases | quads | build s | Oxigraph load s | ratio | build peak RSS MB | load peak RSS MB | load average before / after |",
           "|---|---|---|---|---|---|---|---|"]
    for s in rows:
        o = s["oxigraph_load"]
        out.append(f"| {s['releases']} | {o['quads']} | {_s(s['build']['wall_s'])} | {_s(o['wall_s'])} | "
                   f"{o['build_ratio']:.2f} | {s['build']['peak_rss_mb']:.0f} | {o['peak_rss_mb']:.0f} | "
                   f"{_load(s.get('load_before'))} / {_load(s.get('load_after'))} |")
    return out


def _provenance(r: dict) -> list[str]:
    rows = [s for s in r["sizes"] if s.get("provenance")]
    if not rows:
        return []
    out = ["", "### Provenance", "", "| releases | quads a release | facts a release | provenance quads per fact |",
           "|---|---|---|---|"]
    for s in rows:
        p = s["provenance"]
        out.append(f"| {s['releases']} | {p['quads_per_release']:.0f} | {p['facts'] / max(1, p['releases']):.0f} | "
                   f"{p['per_fact']:.2f} |")
    return out


def _others(r: dict) -> list[str]:
    out = []
    reports = [s for s in r["sizes"] if s.get("report")]
    if reports:
        out += ["", "### kg report (every series, as a process)", "", "| releases | s | MB |", "|---|---|---|"]
        for s in reports:
            rep = s["report"]
            out.append(f"| {s['releases']} | {_s(rep.get('wall_s'))} | "
                       f"{rep['bytes'] / 2**20:.1f} |" if rep.get("wall_s") is not None else
                       f"| {s['releases']} | > {rep['timed_out_after_s']:.0f} | — |")
    tables = [s for s in r["sizes"] if s.get("tables_bytes")]
    if tables:
        out += ["", "### Tables of the saved queries (STORE/kg-tables.sqlite)", "", "| releases | MB |", "|---|---|"]
        out += [f"| {s['releases']} | {s['tables_bytes'] / 2**20:.0f} |" for s in tables]
    seed = r.get("serve_jsonld_seed")
    if seed:
        out += ["", f"kg serve, a JSON-LD CONSTRUCT of every triple of the seed store: {seed['median_s']:.2f} s "
                    f"(median of {seed['runs']}, {seed['bytes'] / 2**10:.0f} KB; load average before: "
                    f"{_load(seed.get('load_before'))})."]
    return out
