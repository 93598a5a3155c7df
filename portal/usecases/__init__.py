"""Use cases: what the portal, the bots and the CLI ask of the system, each a verb."""
