"""Rebuilds the korpus PDFs from their sources in korpus/kilder/.

Each module in korpus/kilder/ (not starting with "_") exposes
``build(korpus_dir: Path) -> list[Path]`` and writes its PDFs into korpus_dir.
PDFs are written with reportlab's invariant mode so a rebuild is byte-identical.

    python korpus/bygg.py            # all documents
    python korpus/bygg.py dyroy      # only modules whose name contains "dyroy"
"""
from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

KORPUS = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(KORPUS.parent))
    import korpus.kilder as kilder

    wanted = argv[1:]
    for info in sorted(pkgutil.iter_modules(kilder.__path__), key=lambda m: m.name):
        if info.name.startswith("_") or (wanted and not any(w in info.name for w in wanted)):
            continue
        module = importlib.import_module(f"korpus.kilder.{info.name}")
        if not hasattr(module, "build"):
            continue
        for path in module.build(KORPUS):
            print(f"{info.name}: {path.relative_to(KORPUS.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
