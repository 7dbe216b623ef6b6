"""The target register: targets from provincial plans, kept with every edit.

``register`` (model + validation), ``store`` (persistence in the state database),
``template`` (Excel import/export in Vietnamese), ``examples`` (shipped example registers),
``report`` (targets with status, for pages and slides).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd


def report(
    db: Path,
    state_path: Path,
    province_id: str,
    year: int | None = None,
    lang: str = "vi",
    include_private: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Targets with status and indicator goals of one province (see ``pci.targets.report``)."""
    from pci.targets.reporting import report as _report

    return _report(db, state_path, province_id, year, lang, include_private)
