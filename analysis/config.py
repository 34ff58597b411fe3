"""Project paths and defaults, in one place (never ``../data`` strings in notebooks).

These are the repository's folders (the example article, the sample corpus, notebooks, reports): they
exist in a checkout. The reference tables the analysis needs are package data, found through
:mod:`analysis.resources`, so an installed wheel works from any folder.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_ROOT / "data"  # example articles; not the reference tables (analysis/data/)
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"

DEFAULT_ARTICLE = DATA_DIR / "belarus_russia_joint_flight_exercises.txt"
SAMPLE_CORPUS = DATA_DIR / "sample_corpus"  # articles written for the package, for corpus mode
DEFAULT_RANDOM_STATE = 0
