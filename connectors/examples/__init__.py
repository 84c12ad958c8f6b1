"""Example connectors for the guide (``connectors/README.md``): importable and tested, not registered."""
