"""Write the site's /api/v1/ OpenAPI document to a file, exactly as the site serves it.

Used by ``make frontend-types`` (which then generates ``api-types.d.ts`` from it) and by
``make frontend-check`` (which regenerates both into a temporary folder and diffs them
against the committed copies). Usage: ``python examples/frontend/export_openapi.py OUT``.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: export_openapi.py OUTPUT.json")
    sys.path.insert(0, str(ROOT))
    # The test settings need no environment (database URL, secrets) and declare the same
    # languages as every other settings module, so the document does not depend on them.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from headless_api.router import api

    document = api.get_openapi_schema()
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    Path(argv[1]).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv)
