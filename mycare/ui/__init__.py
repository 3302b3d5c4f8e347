"""The full-screen app (Textual). The only layer that imports Textual."""
