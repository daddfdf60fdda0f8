"""The Textual face of techtime. Nothing outside this package imports Textual."""
