"""Plain-Python logic behind the Synkinesis Guide: data, figures, pages, checks.

MkDocs hooks in hooks/ only adapt these functions to the build."""
