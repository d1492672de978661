"""The click front end, installed as the import package ``legal_docs_cli``."""
