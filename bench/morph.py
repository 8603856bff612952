"""CPU per release of a Japanese morphological analyser beside kg's own extraction, on the same files.

Issue 13 asked whether a morphological analyser (SudachiPy with its core dictionary, or fugashi with
unidic-lite) should find bodies, places and list items by their words instead of patterns; this is
the measurement behind the answer in bench/README.md. The analysers are not dependencies of kg:

    python -m venv /tmp/morph && /tmp/morph/bin/pip install sudachipy sudachidict-core fugashi unidic-lite
    python bench/corpus.py /tmp/bench300 -n 300 --seed 0
    /tmp/morph/bin/python bench/morph.py /tmp/bench300      # each analyser, tokenising every file
    python bench/morph.py /tmp/bench300 --kg                 # kg's extraction of the same files
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path


def per_release(name: str, texts: list, fn, rounds: int = 2) -> None:
    fn(texts[0])
    clock = time.process_time()
    for _ in range(rounds):
        for text in texts:
            fn(text)
    print(f"{name}: {(time.process_time() - clock) / (rounds * len(texts)) * 1000:.2f} ms CPU per release")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--kg", action="store_true", help="time kg's extraction instead of the analysers")
    args = ap.parse_args()
    files = sorted(args.corpus.glob("*.txt"))
    if args.kg:
        from kg.extract import extract_release
        from kg.gazetteer import load
        from kg.ingest import read_source

        gaz = load()
        per_release("kg extraction", [read_source(f) for f in files], lambda s: extract_release(s, gaz))
        return
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    print(f"{len(texts)} files, {sum(map(len, texts)) // len(texts)} characters each on average")
    from sudachipy import dictionary, tokenizer

    sudachi = dictionary.Dictionary(dict="core").tokenizer()
    for mode in ("A", "C"):
        split = getattr(tokenizer.Tokenizer.SplitMode, mode)
        per_release(f"SudachiPy core, mode {mode}", texts,
                    lambda t, s=split: [m.part_of_speech() for line in t.splitlines() for m in sudachi.tokenize(line, s)])
    import fugashi

    tagger = fugashi.Tagger()
    per_release("fugashi + unidic-lite", texts, lambda t: [w.feature.pos1 for w in tagger(t)])


if __name__ == "__main__":
    main()
