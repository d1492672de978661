"""Finds the packages (pyproject.toml's [tool.setuptools] cannot list found packages beside the
three directories it maps to other import names): legal_docs and all its subpackages, so a new
packet kind under legal_docs/kinds/ is picked up without editing any list."""

from setuptools import find_packages, setup

setup(packages=find_packages(include=["legal_docs", "legal_docs.*"])
      + ["legal_docs_cli", "legal_docs_form_templates", "legal_docs_clauses"])
