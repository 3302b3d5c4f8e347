"""`python -m mycare` runs the command line."""

from mycare.cli import main

raise SystemExit(main())
