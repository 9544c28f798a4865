"""`python -m services_catalog …`: the catalog's command line."""

from services_catalog.cli import main

raise SystemExit(main())
