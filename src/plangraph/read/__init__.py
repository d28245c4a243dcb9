"""Reading plans: files found, text decoded and normalized, metadata, sections and sentences."""
