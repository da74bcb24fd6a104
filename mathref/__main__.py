"""``python -m mathref``: the mathref command."""
from mathref.cli import main

raise SystemExit(main())
