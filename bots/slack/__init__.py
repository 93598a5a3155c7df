"""The Slack adapter: Bolt listeners that translate Slack payloads into Signoff's use cases."""
