"""python -m guide.checks [ROOT]: build the site into a temporary folder, run every check."""

import sys

from guide.checks import main

sys.exit(main(sys.argv[1:]))
