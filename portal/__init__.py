"""Signoff: policy acknowledgements and a policy bot for schools."""

__version__ = "0.1.0"
