#!/usr/bin/env python
import os
import sys
from pathlib import Path

if __name__ == "__main__":
    # The project configuration lives in site/config; "site" itself is a standard-library
    # module, so site/ goes on the path and the package is imported as "config".
    sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
