"""What each section lists and edits; the screens are generic."""
