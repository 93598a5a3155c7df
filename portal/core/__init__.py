"""The domain core: agreements, versions, acknowledgements, renewals and policy answers.

Nothing in this package imports a web, database or chat framework.
"""
