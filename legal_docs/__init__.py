"""legal-docs: court-ready California filings for survivors of child sex trafficking."""

__version__ = "0.1.0"
